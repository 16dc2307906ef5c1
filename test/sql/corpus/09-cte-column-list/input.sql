with x (AccountNumber, Owner) as (select AccountNumber, OwnerId from salesforce.Account)
select x.AccountNumber, x.Owner from x
