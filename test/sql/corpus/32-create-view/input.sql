create or replace view analytics.AccountNumber as
select a.AccountNumber, a.Region__c from salesforce.Account as a;
