select child.Name, parent.Name as ParentName, child.parent_id, mgr.manager_id
from salesforce.Account child
left join salesforce.Account parent on child.parent_id = parent.Id
join salesforce."USER" u on u.Id = child.owner_id
left join salesforce."USER" mgr on mgr.Id = u.manager_id
