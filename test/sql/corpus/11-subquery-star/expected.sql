select s.account_number, s.region_c from (select * from salesforce.Account where is_deleted = false) as s
