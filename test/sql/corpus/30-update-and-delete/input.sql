update salesforce.Opportunity set StageName = 'Lost', Amount = 0
where AccountId in (select Id from salesforce.Account where IsDeleted);
delete from salesforce.Contact c where c.Email is null and c.IsDeleted;
