select * from public.OrderLines l join warehouse.products p using (ProductID)
