select Id, CreatedById, 'account' as kind from salesforce.Account
union all
select Id, CreatedById, 'contact' from salesforce.Contact
order by CreatedById
