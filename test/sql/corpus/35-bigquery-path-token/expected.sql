select li.Id from `analytics-prod.salesforce.opportunity_line_item` as li
