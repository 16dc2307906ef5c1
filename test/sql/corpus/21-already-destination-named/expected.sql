select a.account_number, a.created_by_id, o.is_deleted, o.opp_description
from salesforce.account a join salesforce.opportunity o on o.account_id = a.id
where o.stage_name = 'Closed Won'
