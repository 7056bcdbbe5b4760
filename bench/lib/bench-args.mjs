// The command line of the in-process benchmarks (bench/logql-queries.mjs,
// bench/store-engine.mjs): `--name value` options and `--flag` switches.

/**
 * Reads `argv` (default: this process's arguments after the script):
 * `value(name, dflt)` is the word after `name`, or `dflt` when `name` is
 * absent; `has(name)` says whether the switch `name` is present.
 */
export function readBenchArgs(argv = process.argv.slice(2)) {
  return {
    value(name, dflt) {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : dflt;
    },
    has(name) {
      return argv.includes(name);
    },
  };
}
