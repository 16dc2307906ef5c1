select
  case when o.stage_name = 'Closed Won' then o.Amount else 0 end as WonAmount,
  datediff(day, o.created_date, o.close_date) as DaysOpen,
  date_trunc('month', o.close_date) as CloseMonth,
  extract(year from o.close_date) as CloseYear,
  coalesce(o.expected_revenue_c, 0) + 1 as Rev,
  cast(o.Amount as number(18,2)) as amt,
  o.close_date >= date '2024-01-01' and o.is_deleted is not true as recent
from salesforce.Opportunity o
