import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatGoTime, loadGoLocation, parseGoTime } from './time-layout.js';

/**
 * Cases whose expected results were produced by Go's time package (Parse,
 * ParseInLocation, Format) over the system tzdata: random instants 1990-2035
 * in seven zones through 24 layouts, a third of the values mutated.
 */
interface GoldenCase {
  readonly kind: 'format' | 'parse';
  readonly layout: string;
  readonly loc: string;
  readonly ns?: string;
  readonly value?: string;
  readonly want: { readonly out?: string; readonly error?: string };
}

const cases = JSON.parse(readFileSync(new URL('testdata/go-time-cases.json', import.meta.url), 'utf8')) as GoldenCase[];

/** Go's `t.Unix() + "." + t.Nanosecond()` form. */
function unixText(ns: bigint): string {
  const nanos = ((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  return `${(ns - nanos) / 1_000_000_000n}.${nanos}`;
}

test(`Go time golden cases (${cases.length}) give Go's results`, () => {
  const failures: string[] = [];
  for (const c of cases) {
    const location = c.loc === '' ? undefined : loadGoLocation(c.loc);
    let got: { out?: string; error?: string };
    if (c.kind === 'format') got = { out: formatGoTime(c.layout, BigInt(c.ns as string), location) };
    else {
      const r = parseGoTime(c.layout, c.value as string, location);
      got = r.ok ? { out: unixText(r.value) } : { error: r.error };
    }
    if (JSON.stringify(got) !== JSON.stringify(c.want)) failures.push(`${JSON.stringify(c)} → ${JSON.stringify(got)}`);
  }
  assert.deepEqual(failures, []);
});
