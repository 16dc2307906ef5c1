SELECT l."LineNo", l.Qty, 'O''Reilly LineNo' FROM public.OrderLines AS l WHERE l.ProductID IS NOT NULL
