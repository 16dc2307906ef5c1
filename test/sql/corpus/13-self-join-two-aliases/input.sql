select child.Name, parent.Name as ParentName, child.ParentId, mgr.ManagerId
from salesforce.Account child
left join salesforce.Account parent on child.ParentId = parent.Id
join salesforce."User" u on u.Id = child.OwnerId
left join salesforce."User" mgr on mgr.Id = u.ManagerId
