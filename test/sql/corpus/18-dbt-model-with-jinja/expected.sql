{{ config(materialized='view', tags=['AccountNumber']) }}

with source as (
    select * from {{ source('salesforce', 'Account') }}
),

renamed as (
    select
        Id as account_id,
        account_number,
        created_by_id,
        {{ dbt_utils.star(from=ref('stg_x'), except=['Id', 'AccountNumber']) }},
        {% if var('include_region', true) %}region_c,{% endif %}
        Name
    from source
)

select * from renamed
{# AccountNumber in a Jinja comment #}
