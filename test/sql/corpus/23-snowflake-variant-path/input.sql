select a.Attributes__c:AccountNumber::string as acct, a.AccountNumber, f.value:IsDeleted::boolean
from salesforce.Account a, lateral flatten(input => a.Attributes__c:Children) f
