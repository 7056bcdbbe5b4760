// The 500 rules of bench:rules, generated deterministically over the
// loki-bench data (streams {job="osquery"|"sshd", host="host-0".."host-9",
// name=…}): selectors, line filters, parsers (json, regexp, pattern, unwrap),
// range functions, windows, groupings and thresholds vary with the rule's
// index, so no two rules share an expression. About 4 in 5 are alerts (with
// thresholds from "always fires" to "never fires"), the rest recording rules.

const hosts = Array.from({ length: 10 }, (_, i) => `host-${i}`);
const windows = ['1m', '5m', '1m', '10m', '5m', '15m'];
const thresholds = ['> 0', '> 10', '> 100', '> 1000', '>= 1e9'];

/** Line pipelines by data kind; `by` lists labels the pipeline adds that aggregations may group by. */
const sshdPipelines = [
  { pipe: '|= "Failed password"', by: [] },
  { pipe: '|= "Accepted "', by: [] },
  { pipe: '|~ "Accepted (publickey|password) for (alice|bob)"', by: [] },
  { pipe: '|= "Failed password" != "invalid user"', by: [] },
  { pipe: '|= "session opened"', by: [] },
  { pipe: '!= "preauth" |= "Disconnected"', by: [] },
  { pipe: '|= "Accepted " | regexp `Accepted (?P<method>\\S+) for (?P<user>\\S+) from`', by: ['user', 'method'] },
  { pipe: '|= "Failed password" | pattern `<_> sshd[<_>]: Failed password for <who> from <_> port <_>`', by: ['who'] },
  { pipe: '|~ "Failed password for (invalid user )?(admin|root)"', by: [] },
  { pipe: '|= "Connection closed by authenticating user root"', by: [] },
];

const osqueryPipelines = [
  { pipe: '| json | columns_type="7"', by: ['columns_username'] },
  { pipe: '|= `"action":"added"` | json action, user="columns.username" | user="root"', by: ['action'] },
  { pipe: '| json action, user="columns.username", type="columns.type" | action="added" and type="7"', by: ['user'] },
  { pipe: '|= `"type":"8"`', by: [] },
  { pipe: '|~ `"username":"(alice|bob)"`', by: [] },
  { pipe: '|= `"action":"removed"` | json tty="columns.tty"', by: ['tty'] },
  { pipe: '| json | action="added" | columns_host!="10.0.2.2"', by: ['columns_username'] },
];

function selectorFor(kind, i) {
  const host = hosts[i % hosts.length];
  if (kind === 'sshd') {
    return [`{job="sshd"}`, `{job="sshd", host="${host}"}`, `{name="sshd", host!="${host}"}`, `{job="sshd", host=~"host-[0-4]"}`][Math.floor(i / 2) % 4];
  }
  return [
    `{job="osquery"}`,
    `{job="osquery", name="pack_incident-response_last"}`,
    `{job="osquery", host="${host}"}`,
    `{job="osquery", name=~".+_logged_in_users", host=~"host-[5-9]"}`,
  ][Math.floor(i / 2) % 4];
}

/** The expression of rule `i` and whether it is an alert. */
function ruleExpr(i, salt = 0) {
  const kind = i % 2 === 0 ? 'sshd' : 'osquery';
  const pipelines = kind === 'sshd' ? sshdPipelines : osqueryPipelines;
  const p = pipelines[Math.floor(i / 2) % pipelines.length];
  const selector = selectorFor(kind, Math.floor(i / 3));
  const range = windows[(Math.floor(i / 5) + salt) % windows.length];
  const threshold = thresholds[(Math.floor(i / 7) + Math.floor(salt / windows.length)) % thresholds.length];
  const groupBy = ['host', ...p.by][Math.floor(i / 11) % (1 + p.by.length)];
  const log = `${selector} ${p.pipe}`;
  const shape = Math.floor(i / 13) % 9;
  switch (shape) {
    case 0: return `sum by (${groupBy}) (count_over_time(${log} [${range}])) ${threshold}`;
    case 1: return `sum(rate(${log} [${range}])) ${threshold.replace(/[\d.e]+$/, (n) => String(Number(n) / 60))}`;
    // Unaggregated only without a parser: parsed labels such as columns_pid would make a series per line
    // (Loki's max_query_series, 500, refuses such a query).
    case 2: return /\| (json|regexp|pattern)/.test(p.pipe) ? `sum by (host) (count_over_time(${log} [${range}])) ${threshold}` : `count_over_time(${log} [${range}]) ${threshold}`;
    case 3: return `topk(3, sum by (${groupBy}) (count_over_time(${log} [${range}])))`;
    case 4: return `sum by (host) (bytes_over_time(${log} [${range}])) ${threshold}`;
    case 5: return kind === 'osquery'
      ? `max by (host) (max_over_time(${selector} | json | unwrap counter [${range}])) ${threshold}`
      : `sum without (name) (count_over_time(${log} [${range}])) ${threshold}`;
    case 6: return `absent_over_time(${selector} |= "no-such-text-${i}" [${range}])`;
    case 7: return `sum by (${groupBy}) (rate(${log} [${range}])) > 0`;
    default: return `count(sum by (host) (count_over_time(${log} [${range}]))) ${threshold}`;
  }
}

/**
 * The rule files of the set: `files` namespaces, each with `groupsPerFile`
 * groups of `rulesPerGroup` rules (defaults: 5 × 10 × 10 = 500 rules).
 * Returns [{ name, text }] of YAML files.
 */
export function generateRuleFiles({ files = 5, groupsPerFile = 10, rulesPerGroup = 10 } = {}) {
  const out = [];
  const seen = new Set();
  let i = 0;
  for (let f = 0; f < files; f++) {
    let text = 'groups:\n';
    for (let g = 0; g < groupsPerFile; g++) {
      text += `  - name: bench-${f}-${g}\n    rules:\n`;
      for (let r = 0; r < rulesPerGroup; r++, i++) {
        let expr = ruleExpr(i);
        // Index combinations repeat now and then: shift the window (then the threshold) until the expression is new.
        for (let salt = 1; seen.has(expr) && salt < 30; salt++) expr = ruleExpr(i, salt);
        seen.add(expr);
        const alert = i % 5 !== 4;
        text += alert
          ? `      - alert: BenchRule${i}\n        expr: ${JSON.stringify(expr)}\n        labels:\n          severity: info\n        annotations:\n          summary: "rule ${i}: {{ $value }} on {{ $labels.host }}"\n`
          : `      - record: bench:rule${i}\n        expr: ${JSON.stringify(expr)}\n`;
      }
    }
    out.push({ name: `bench-${f}.yaml`, text });
  }
  return out;
}

/** The low-latency rule: fires once for every new `id` pushed on {job="latency"}. */
export const latencyRuleFile = {
  name: 'latency.yaml',
  text: `groups:
  - name: latency
    rules:
      - alert: LatencyProbe
        expr: sum by (id) (count_over_time({job="latency"}[1m])) > 0
        labels:
          severity: info
`,
};
