SELECT Account.Id, Account.created_by_id, Account.account_number, Account.parent_id
FROM salesforce.Account
WHERE Account.owner_id <> Account.created_by_id;
