select x.AccountNumber from salesforce.Account x;
select x.StageName from salesforce.Opportunity x;
select x.Email from salesforce.Contact x where x.IsDeleted;
