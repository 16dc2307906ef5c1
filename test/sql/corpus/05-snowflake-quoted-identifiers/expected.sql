select a."ACCOUNT_NUMBER", a."ID", a."accountnumber", a."ACCOUNT_NUMBER"
from salesforce."OPPORTUNITY_LINE_ITEM" li, salesforce."ACCOUNT" a
