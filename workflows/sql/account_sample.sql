select a.AccountNumber,
	a.CreatedById,
    o.IsDeleted,
	o.Expected_Revenue__c,
    a.Name
from elijah_db.salesforce.account a
inner join elijah_db.salesforce.opportunity o on a.id = o.account_id
limit 10;
