select a.Name
from salesforce.Account a
where exists (
  select 1 from salesforce.Opportunity o
  where o.account_id = a.Id and o.stage_name = 'Closed Won'
) and a.annual_revenue > (select avg(annual_revenue) from salesforce.Account)
  and a.Id in (select account_id from salesforce.Contact where Email like '%@example.com')
