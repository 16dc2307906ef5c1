select "OrderDate", "Total Amount", ShipRegion, 'it\'s OrderID' as s
from public."Orders"
where OrderDate > getdate() - interval '7 days'
