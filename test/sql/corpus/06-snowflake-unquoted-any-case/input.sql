SeLeCt a.ACCOUNTNUMBER, a.accountnumber, a.AccountNumber, a.aCcOuNtNuMbEr
FROM SALESFORCE.ACCOUNT A
