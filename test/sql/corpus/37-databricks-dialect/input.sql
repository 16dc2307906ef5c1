/* outer /* AccountNumber */ still comment a.IsDeleted */
select a.`AccountNumber`, a.IsDeleted, "CreatedById" as s
from salesforce.Account a
where a.Region__c rlike 'EMEA|APAC'
