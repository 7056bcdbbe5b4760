/** osquery's --read_max default (50 MiB): files larger than this are not read or hashed. */
export const readMaxBytes = 50 * 1024 * 1024;

/** The message osquery's readFile logs for a file over the limit. */
export function describeReadLimit(path: string, sizeBytes: number | bigint): string {
  return `Cannot read ${path} size exceeds limit: ${sizeBytes} > ${readMaxBytes}`;
}
