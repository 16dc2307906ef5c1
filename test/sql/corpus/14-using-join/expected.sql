select account_id, o.Amount, c.Email, OwnerId
from salesforce.Opportunity o
join salesforce.Contact c using (account_id)
