insert into analytics.account_copy (AccountNumber, Name)
select account_number, Name from salesforce.Account where is_deleted = false;
insert into salesforce.Account (account_number, Name, region_c) values ('A-1', 'Acme', 'EMEA');
