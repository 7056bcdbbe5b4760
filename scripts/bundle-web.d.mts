/** Writes the UI bundle into `outdir` and returns `outdir`. */
export function bundleWeb(outdir: string): Promise<string>;
