select t.AccountNumber, t.Owner
from (select AccountNumber, OwnerId from salesforce.Account) as t (AccountNumber, Owner)
