select OwnerId, StageName, Email, CreatedById
from salesforce.Opportunity o
join salesforce.Contact c on c.AccountId = o.AccountId
