select "order_date", "total_amount", ship_region, 'it\'s OrderID' as s
from erp_pg_public."orders"
where order_date > getdate() - interval '7 days'
