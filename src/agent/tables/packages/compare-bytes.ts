/** Orders strings by code unit, which for the ASCII paths and names here is strcmp's and C-locale glob(3)'s byte order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
