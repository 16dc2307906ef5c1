SELECT Account.Id, Account.CreatedById, Account.AccountNumber, Account.ParentId
FROM salesforce.Account
WHERE Account.OwnerId <> Account.CreatedById;
