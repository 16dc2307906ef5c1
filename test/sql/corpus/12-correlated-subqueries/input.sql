select a.Name
from salesforce.Account a
where exists (
  select 1 from salesforce.Opportunity o
  where o.AccountId = a.Id and o.StageName = 'Closed Won'
) and a.AnnualRevenue > (select avg(AnnualRevenue) from salesforce.Account)
  and a.Id in (select AccountId from salesforce.Contact where Email like '%@example.com')
