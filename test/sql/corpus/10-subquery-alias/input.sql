select sub.AccountNumber, sub.acct_type
from (
	select a.AccountNumber, a.Type as acct_type, a.CreatedById from salesforce.Account a
) sub
where sub.CreatedById is not null
