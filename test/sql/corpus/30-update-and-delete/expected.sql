update salesforce.Opportunity set stage_name = 'Lost', Amount = 0
where account_id in (select Id from salesforce.Account where is_deleted);
delete from salesforce.Contact c where c.Email is null and c.is_deleted;
