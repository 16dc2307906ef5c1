select account_id, is_deleted, stage_name, Email
from salesforce.Opportunity natural join salesforce.Contact
