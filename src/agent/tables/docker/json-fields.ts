/**
 * Typed reads of untrusted JSON from the Docker Engine API. Each returns the
 * fallback when the field is missing, null or of another type, the way
 * osquery's property-tree `get(key, default)` degrades.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty object. */
export function readObject(obj: JsonObject, key: string): JsonObject {
  const value = obj[key];
  return isJsonObject(value) ? value : {};
}

export function readString(obj: JsonObject, key: string, fallback = ''): string {
  const value = obj[key];
  return typeof value === 'string' ? value : fallback;
}

/** A JSON number (only a finite one), or the fallback. */
export function readNumber(obj: JsonObject, key: string, fallback: number): number {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readBool(obj: JsonObject, key: string, fallback = false): boolean {
  const value = obj[key];
  return typeof value === 'boolean' ? value : fallback;
}

/** The string items of the array at `key` (null or missing reads as none). */
export function readStringArray(obj: JsonObject, key: string): string[] {
  const value = obj[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The object items of the array at `key`. */
export function readObjectArray(obj: JsonObject, key: string): JsonObject[] {
  const value = obj[key];
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}
