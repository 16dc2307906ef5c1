select sub.account_number, sub.acct_type
from (
	select a.account_number, a.Type as acct_type, a.created_by_id from salesforce.Account a
) sub
where sub.created_by_id is not null
