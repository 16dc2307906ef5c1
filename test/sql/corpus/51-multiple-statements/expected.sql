select x.account_number from salesforce.Account x;
select x.stage_name from salesforce.Opportunity x;
select x.Email from salesforce.Contact x where x.is_deleted;
