select a.account_number as CreatedById from salesforce.Account a
where created_by_id is not null
order by CreatedById
