SeLeCt a.account_number, a.account_number, a.account_number, a.account_number
FROM SALESFORCE.ACCOUNT A
