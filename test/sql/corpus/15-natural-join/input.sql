select AccountId, IsDeleted, StageName, Email
from salesforce.Opportunity natural join salesforce.Contact
