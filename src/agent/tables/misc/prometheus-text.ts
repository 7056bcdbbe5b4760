/** One sample line of the Prometheus text format. */
export interface PrometheusSample {
  /** The metric name with its label set as written: `http_requests_total{code="200"}`. */
  readonly name: string;
  /** The value token as written (`1027`, `1.3934592e+07`, `NaN`, `+Inf`). */
  readonly value: string;
}

const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Parses the Prometheus text exposition format (and OpenMetrics text) into
 * samples, for prometheus_metrics. Comment lines (`# HELP`, `# TYPE`,
 * `# EOF`) and blank lines are skipped; a sample line is a metric name,
 * an optional `{…}` label set whose quoted values may hold blanks, commas,
 * braces and escaped quotes, a blank, the value and an optional timestamp,
 * which is ignored (osquery stamps rows with the scrape time). Lines that are
 * not samples are skipped.
 *
 * osquery splits each line on spaces and takes the first two words, which
 * gives the same name and value for every well-formed line whose label
 * values have no spaces; this parser also keeps such label values intact.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseSampleLine(line);
    if (sample) samples.push(sample);
  }
  return samples;
}

function parseSampleLine(line: string): PrometheusSample | undefined {
  const name = namePattern.exec(line)?.[0];
  if (name === undefined) return undefined;
  let end = name.length;
  if (line[end] === '{') {
    const close = findLabelSetEnd(line, end + 1);
    if (close < 0) return undefined;
    end = close + 1;
  }
  const rest = line.slice(end);
  const m = /^[ \t]+(\S+)(?:[ \t]+\S+)?$/.exec(rest);
  if (!m) return undefined;
  return { name: line.slice(0, end), value: m[1] ?? '' };
}

/** The index of the '}' closing a label set that starts at `from`, skipping quoted values; -1 when it does not close. */
function findLabelSetEnd(line: string, from: number): number {
  let quoted = false;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === '}') {
      return i;
    }
  }
  return -1;
}
