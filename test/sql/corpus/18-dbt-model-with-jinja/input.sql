{{ config(materialized='view', tags=['AccountNumber']) }}

with source as (
    select * from {{ source('salesforce', 'Account') }}
),

renamed as (
    select
        Id as account_id,
        AccountNumber,
        CreatedById,
        {{ dbt_utils.star(from=ref('stg_x'), except=['Id', 'AccountNumber']) }},
        {% if var('include_region', true) %}Region__c,{% endif %}
        Name
    from source
)

select * from renamed
{# AccountNumber in a Jinja comment #}
