select a.account_number,  
	a.created_by_id	
from salesforce.Account a
-- IsDeleted
where a.is_deleted = false;
