select a."AccountNumber", a."Id", a."accountnumber", a."ACCOUNT_NUMBER"
from salesforce."OpportunityLineItem" li, salesforce."Account" a
