/**
 * Fivetran's destination naming: source names become lower snake case. `AccountNumber` →
 * `account_number`, `CreatedById` → `created_by_id`, `OrderID` → `order_id`, `Region__c` → `region_c`.
 */
export function toDestinationName(sourceName: string): string {
  return sourceName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
