with x (AccountNumber, Owner) as (select account_number, owner_id from salesforce.Account)
select x.AccountNumber, x.Owner from x
