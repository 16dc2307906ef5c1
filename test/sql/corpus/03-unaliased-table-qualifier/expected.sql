select opportunity_line_item.Id, salesforce.opportunity_line_item.Id as line_id
from salesforce.opportunity_line_item
