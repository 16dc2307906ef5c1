{{ config(materialized='view') }}

-- Open pipeline per customer account. The model still uses Salesforce's names
-- (Opportunity.AccountId, StageName…); 'AccountId' in this comment stays as it is.
with open_opportunities as (
    select o.AccountId, o.StageName, o.Amount, o.CloseDate
    from {{ source('salesforce', 'Opportunity') }} o
    where not o.IsClosed
      and not o.IsDeleted
)
select
    a.Id as account_id,
    a.Name as account_name,
    a.AnnualRevenue,
    count(*) as open_count,
    sum(oo.Amount) as open_amount,
    min(oo.CloseDate) as next_close_date
from salesforce.Account a
join open_opportunities oo on oo.AccountId = a.Id
where a.Type = 'Customer - Direct' and a.OwnerId is not null
group by 1, 2, 3
