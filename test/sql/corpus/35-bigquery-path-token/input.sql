select li.Id from `analytics-prod.salesforce.OpportunityLineItem` as li
