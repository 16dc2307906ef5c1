select Id, created_by_id, 'account' as kind from salesforce.Account
union all
select Id, created_by_id, 'contact' from salesforce.Contact
order by created_by_id
