select a.account_number, o.stage_name, c.first_name
from (salesforce.Account a join salesforce.Opportunity o on o.account_id = a.Id), salesforce.Contact c
where c.account_id = a.Id
