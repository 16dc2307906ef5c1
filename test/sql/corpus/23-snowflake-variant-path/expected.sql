select a.attributes_c:AccountNumber::string as acct, a.account_number, f.value:IsDeleted::boolean
from salesforce.Account a, lateral flatten(input => a.attributes_c:Children) f
