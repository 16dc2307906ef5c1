select * except (CreatedById, IsDeleted) replace (upper(Name) as Name)
from salesforce.Account
where date(CreatedDate) > date_sub(current_date(), interval 30 day)
