select a.`AccountNumber`, a.CreatedById, `accountnumber`, "AccountNumber" as label # a.AccountNumber
from `my-project.salesforce.Account` a, `my-project`.salesforce.OpportunityLineItem li
where li.Id is not null and r'\d+ IsDeleted' != '''CreatedById'''
