select t.AccountNumber, t.Owner
from (select account_number, owner_id from salesforce.Account) as t (AccountNumber, Owner)
