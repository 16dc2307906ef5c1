select a.`account_number`, a.created_by_id, `account_number`, "AccountNumber" as label # a.AccountNumber
from `my-project.salesforce.Account` a, `my-project`.salesforce.opportunity_line_item li
where li.Id is not null and r'\d+ IsDeleted' != '''CreatedById'''
