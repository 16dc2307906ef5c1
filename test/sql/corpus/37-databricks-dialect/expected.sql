/* outer /* AccountNumber */ still comment a.IsDeleted */
select a.`account_number`, a.is_deleted, "CreatedById" as s
from salesforce.Account a
where a.region_c rlike 'EMEA|APAC'
