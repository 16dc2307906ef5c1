select OwnerId, stage_name, Email, CreatedById
from salesforce.Opportunity o
join salesforce.Contact c on c.account_id = o.account_id
