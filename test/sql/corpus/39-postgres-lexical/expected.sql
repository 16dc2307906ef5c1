select o.order_id::text as id_text, $fn$ select OrderID from Orders $fn$ as body,
       E'OrderID\'s' as e, /* outer /* OrderID */ still comment */ o.order_date::date
from erp_pg_public.Orders o
where o.Status = any($1::text[])
