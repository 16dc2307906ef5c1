insert into analytics.account_copy (AccountNumber, Name)
select AccountNumber, Name from salesforce.Account where IsDeleted = false;
insert into salesforce.Account (AccountNumber, Name, Region__c) values ('A-1', 'Acme', 'EMEA');
