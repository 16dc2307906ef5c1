select o.AccountId, count(*) as n, sum(o.Amount) as total
from salesforce.Opportunity o
group by o.AccountId
having max(o.CloseDate) > current_date - 30 and count(distinct o.OwnerId) > 1
