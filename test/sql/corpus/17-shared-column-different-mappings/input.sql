select a.Description as account_desc, o.Description as opp_desc
from salesforce.Account a join salesforce.Opportunity o on o.AccountId = a.Id
where o.Description like '%renewal%' or Description is null
