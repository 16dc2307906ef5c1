select li.Quantity, li.UnitPrice, li.product_id, a.Foo__c, a.AccountNumber
from salesforce.OpportunityLineItem li
join salesforce.Account a on a.Id = li.AccountId
left join salesforce.Acount x on x.Id = a.Id
