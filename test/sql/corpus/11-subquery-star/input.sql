select s.AccountNumber, s.Region__c from (select * from salesforce.Account where IsDeleted = false) as s
