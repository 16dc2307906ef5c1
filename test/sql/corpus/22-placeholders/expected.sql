select a.account_number from salesforce.Account a
where a.Name = :AccountNumber and a.Type = ? and a.owner_id = $1
