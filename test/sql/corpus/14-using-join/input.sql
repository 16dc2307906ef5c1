select AccountId, o.Amount, c.Email, OwnerId
from salesforce.Opportunity o
join salesforce.Contact c using (AccountId)
