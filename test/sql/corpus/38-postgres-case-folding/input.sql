select o.OrderID, o.orderid, o."OrderID", o."orderid", o."Total Amount"
from public.Orders o
