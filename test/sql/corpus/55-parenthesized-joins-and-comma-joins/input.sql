select a.AccountNumber, o.StageName, c.FirstName
from (salesforce.Account a join salesforce.Opportunity o on o.AccountId = a.Id), salesforce.Contact c
where c.AccountId = a.Id
