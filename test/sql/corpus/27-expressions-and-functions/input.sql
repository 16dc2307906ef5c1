select
  case when o.StageName = 'Closed Won' then o.Amount else 0 end as WonAmount,
  datediff(day, o.CreatedDate, o.CloseDate) as DaysOpen,
  date_trunc('month', o.CloseDate) as CloseMonth,
  extract(year from o.CloseDate) as CloseYear,
  coalesce(o.Expected_Revenue__c, 0) + 1 as Rev,
  cast(o.Amount as number(18,2)) as amt,
  o.CloseDate >= date '2024-01-01' and o.IsDeleted is not true as recent
from salesforce.Opportunity o
