select OpportunityLineItem.Id, salesforce.OpportunityLineItem.Id as line_id
from salesforce.OpportunityLineItem
