select o.Status as order_status, c.Status as cust_status, Status
from public.Orders o join public.Customers c using (CustomerID)
