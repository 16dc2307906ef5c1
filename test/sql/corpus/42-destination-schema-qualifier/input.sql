select o.OrderID, c.CompanyName
from erp_pg_public.Orders o
join public.Customers c on c.CustomerID = o.CustomerID
