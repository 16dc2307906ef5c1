select Id, Name, ID, NAME from salesforce.Account
