with base as (select AccountNumber, IsDeleted from salesforce.Account)
select b.AccountNumber, (
  with base as (select StageName as AccountNumber from salesforce.Opportunity)
  select max(base.AccountNumber) from base
) as top_stage
from base b
where b.IsDeleted = false
