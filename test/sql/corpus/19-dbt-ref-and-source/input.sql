select o.AccountId, s.AccountNumber, s.Region__c
from {{ ref('stg_opportunity') }} o
join {{ source('salesforce','Account') }} s on s.Id = o.AccountId
{%- if is_incremental() %}
where s.CreatedDate > (select max(CreatedDate) from {{ this }})
{%- endif %}
