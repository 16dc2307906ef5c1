select a.AccountNumber as CreatedById from salesforce.Account a
where CreatedById is not null
order by CreatedById
