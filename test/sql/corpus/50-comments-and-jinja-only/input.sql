-- AccountNumber
{# CreatedById #}
{% set cols = ['AccountNumber', 'IsDeleted'] %}
/* a.IsDeleted */
