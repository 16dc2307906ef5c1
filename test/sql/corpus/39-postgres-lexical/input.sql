select o.OrderID::text as id_text, $fn$ select OrderID from Orders $fn$ as body,
       E'OrderID\'s' as e, /* outer /* OrderID */ still comment */ o.OrderDate::date
from public.Orders o
where o.Status = any($1::text[])
