select a.AccountNumber,  
	a.CreatedById	
from salesforce.Account a
-- IsDeleted
where a.IsDeleted = false;
