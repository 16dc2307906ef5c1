select * except (created_by_id, is_deleted) replace (upper(Name) as Name)
from salesforce.Account
where date(created_date) > date_sub(current_date(), interval 30 day)
