/**
 * The workflow `atlas-run init` writes: small, commented, safe (it only reads), and runnable as is on
 * the sandbox, so the first thing a new user runs works.
 */
export function starterWorkflow(fileName: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# ${fileName}: a starter workflow written by \`atlas-run init\`. It lists the connections of a group,
# prints a coloured status line for each and writes them to a CSV file. It changes nothing.
#
# Try it on the local sandbox (no credentials needed):
#   atlas-run ${fileName} --sandbox
# Then on your account (FIVETRAN_API_KEY and FIVETRAN_API_SECRET set):
#   atlas-run ${fileName} --var group=<group name or id>
#
# Every step type, its inputs and an example: atlas-run steps  (one type: atlas-run steps list)
# Check a workflow without running it: atlas-run validate ${fileName}

name: connection status
description: Status of every connection in a group, printed and exported to CSV.

vars:
  group:
    description: the group (name or id) whose connections to report
    default: warehouse_legacy # a group of the sandbox's sample account

steps:
  # Every connection of the group, all pages; later steps read them as steps.connections.items.
  - id: connections
    list: connections
    with:
      group: \${{ vars.group }}

  # One line per connection, e.g. "Type: postgres Status: scheduled Frequency: 360".
  - id: status
    foreach: \${{ steps.connections.items }}
    print:
    fields:
      Type: \${{ item.service }}
      Status: \${{ item.status.sync_state }}
      Frequency: \${{ item.sync_frequency }}

  # The same list as a CSV file next to this workflow (columns are expressions on each item).
  - id: report
    export: csv
    items: \${{ steps.connections.items }}
    columns:
      id: item.id
      schema: item.schema
      service: item.service
      state: item.status.sync_state
      paused: item.paused
    file: connection-status.csv

# What the run hands back to a caller (e.g. runWorkflow() in a script).
outputs:
  connections: \${{ steps.connections.count }}
  csv: \${{ steps.report.file }}
`;
}
