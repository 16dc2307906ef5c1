create or replace view reporting.contact_owners as
select
    c."FirstName" as contact_first_name,
    c."LastName" as contact_last_name,
    c.MailingCity,
    u.Username as owner,
    CreatedById,
    c.Nickname__c
from salesforce."Contact" c
join salesforce."User" u on u.Id = c.CreatedById
where FirstName <> 'Test'  -- both tables have FirstName: left alone and reported
  and u.IsActive;
