/** The Watchpost version reported by osquery_info, `.version` and buildinfo. Kept equal to package.json. */
export const watchpostVersion = '0.1.0';
