select account_number, is_deleted from {{ source("salesforce", "Account") }} where is_deleted = false
