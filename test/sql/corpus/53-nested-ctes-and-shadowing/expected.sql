with base as (select account_number, is_deleted from salesforce.Account)
select b.account_number, (
  with base as (select stage_name as AccountNumber from salesforce.Opportunity)
  select max(base.AccountNumber) from base
) as top_stage
from base b
where b.is_deleted = false
