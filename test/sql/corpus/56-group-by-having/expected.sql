select o.account_id, count(*) as n, sum(o.Amount) as total
from salesforce.Opportunity o
group by o.account_id
having max(o.close_date) > current_date - 30 and count(distinct o.owner_id) > 1
