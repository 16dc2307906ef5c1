select a.Id,
       row_number() over (partition by a.owner_id order by a.created_date desc nulls last) as rn,
       sum(a.annual_revenue) over w as running
from salesforce.Account a
window w as (partition by a.Industry order by a.created_date rows between unbounded preceding and current row)
qualify rn = 1
