select o.AccountId, s.account_number, s.region_c
from {{ ref('stg_opportunity') }} o
join {{ source('salesforce','Account') }} s on s.Id = o.AccountId
{%- if is_incremental() %}
where s.created_date > (select max(CreatedDate) from {{ this }})
{%- endif %}
