select AccountNumber, IsDeleted from {{ source("salesforce", "Account") }} where IsDeleted = false
