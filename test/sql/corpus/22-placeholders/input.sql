select a.AccountNumber from salesforce.Account a
where a.Name = :AccountNumber and a.Type = ? and a.OwnerId = $1
