/**
 * The warning for a `pid_with_namespace` constraint, which osquery serves by
 * forking a worker into the process's mount namespace; these tables do not,
 * so they answer such a query with no rows rather than with host rows.
 */
export function namespaceUnsupported(table: string): string {
  return `${table}: pid_with_namespace (reading another mount namespace) is not supported; no rows`;
}
