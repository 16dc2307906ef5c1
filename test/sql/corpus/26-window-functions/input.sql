select a.Id,
       row_number() over (partition by a.OwnerId order by a.CreatedDate desc nulls last) as rn,
       sum(a.AnnualRevenue) over w as running
from salesforce.Account a
window w as (partition by a.Industry order by a.CreatedDate rows between unbounded preceding and current row)
qualify rn = 1
