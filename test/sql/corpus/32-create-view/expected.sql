create or replace view analytics.AccountNumber as
select a.account_number, a.region_c from salesforce.Account as a;
