select a.Description as account_desc, o.opp_description as opp_desc
from salesforce.Account a join salesforce.Opportunity o on o.account_id = a.Id
where o.opp_description like '%renewal%' or Description is null
