select a.account_number,
	a.created_by_id,
    o.is_deleted,
	o.expected_revenue_c,
    a.Name
from elijah_db.salesforce.account a
inner join elijah_db.salesforce.opportunity o on a.id = o.account_id
limit 10;
