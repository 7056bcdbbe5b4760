import { defineFunc, goSprintf, goTitle, parseGoTemplate, type FuncMap, type GoTemplate, type GoValue } from '../core/gotemplate/index.js';
import { compileGoRegex } from '../logql/index.js';
import type { Expand } from './alerting-rule.js';
import type { TemplateData } from './template-data.js';

/**
 * Prometheus's alert templates (alerting.md §1.1): Go text/template with the
 * `$labels`, `$value`, `$externalLabels` and `$externalURL` prelude and the
 * console-template functions. `query` and the functions over its results
 * (first, label, value, …) need a synchronous query path and are not offered;
 * a template using them fails to parse with Go's `function "query" not defined`.
 */

const prelude = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

const fmt4g = (v: number): string => goSprintf('%.4g', [v]);

/** Prometheus's humanize: SI prefixes, 4 significant digits. */
export function humanize(value: number): string {
  let v = value;
  if (v === 0 || Number.isNaN(v) || !Number.isFinite(v)) return fmt4g(v);
  if (Math.abs(v) >= 1) return formatScaled(v, 1000, ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']);
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${fmt4g(v)}${prefix}`;
}

/** Prometheus's humanize1024: binary prefixes above 1. */
export function humanize1024(value: number): string {
  if (Math.abs(value) <= 1 || Number.isNaN(value) || !Number.isFinite(value)) return fmt4g(value);
  return formatScaled(value, 1024, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']);
}

/** Divides by `base` while |v| >= base (at most once per prefix): 4 significant digits and the last prefix used. */
function formatScaled(value: number, base: number, prefixes: readonly string[]): string {
  let v = value;
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) < base) break;
    prefix = p;
    v /= base;
  }
  return `${fmt4g(v)}${prefix}`;
}

/** Prometheus's humanizeDuration: `1d 2h 3m 4s`, or 4 significant digits below a minute. */
export function humanizeDuration(value: number): string {
  let v = value;
  if (Number.isNaN(v) || !Number.isFinite(v)) return fmt4g(v);
  if (v === 0) return `${fmt4g(v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const total = Math.trunc(v);
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${fmt4g(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${fmt4g(v)}${prefix}s`;
}

/** Go's time.Time.String() in UTC for Unix seconds (humanizeTimestamp). */
function humanizeTimestamp(value: number): string {
  if (Number.isNaN(value) || !Number.isFinite(value)) return fmt4g(value);
  const ms = Math.floor(value * 1000);
  const iso = new Date(ms).toISOString();
  const nanos = Math.round((value - Math.floor(value)) * 1e9);
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC`;
}

/** Go's Regexp.ReplaceAllString with `$1`, `${1}`, `$name`, `${name}` and `$$`. */
function reReplaceAll(pattern: string, replacement: string, text: string): string {
  const re = compileGoRegex(pattern, { global: true });
  return text.replace(re.regexp, (...args: unknown[]) => {
    const groups = args.slice(0, re.groupNames.length) as (string | undefined)[];
    return replacement.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_, all: string, braced?: string, bare?: string) => {
      if (all === '$') return '$';
      const name = braced ?? bare ?? '';
      const index = /^\d+$/.test(name) ? Number(name) : re.groupNames.indexOf(name);
      return index >= 0 ? (groups[index] ?? '') : '';
    });
  });
}

const stripPort = (hostPort: string): string => {
  const bracketed = /^\[([^\]]+)\]:\d*$/.exec(hostPort);
  if (bracketed) return bracketed[1] ?? '';
  const colons = hostPort.split(':').length - 1;
  if (colons === 1) return hostPort.slice(0, hostPort.indexOf(':'));
  return hostPort;
};

const stripDomain = (hostPort: string): string => {
  const bracketed = /^\[[^\]]+\](:\d*)?$/.test(hostPort);
  if (bracketed) return hostPort;
  const [host = '', port] = hostPort.split(':').length === 2 ? hostPort.split(':') : [hostPort, undefined];
  if (/^[\d.]+$/.test(host)) return hostPort;
  const short = host.split('.')[0] ?? host;
  return port === undefined ? short : `${short}:${port}`;
};

/** The console-template functions Prometheus adds to Go's builtins. */
export const prometheusTemplateFuncs: FuncMap = {
  humanize: defineFunc(['float64'], (v: number) => humanize(v)),
  humanize1024: defineFunc(['float64'], (v: number) => humanize1024(v)),
  humanizeDuration: defineFunc(['float64'], (v: number) => humanizeDuration(v)),
  humanizePercentage: defineFunc(['float64'], (v: number) => goSprintf('%.4g%%', [v * 100])),
  humanizeTimestamp: defineFunc(['float64'], (v: number) => humanizeTimestamp(v)),
  toUpper: defineFunc(['string'], (s: string) => s.toUpperCase()),
  toLower: defineFunc(['string'], (s: string) => s.toLowerCase()),
  title: defineFunc(['string'], (s: string) => goTitle(s)),
  match: defineFunc(['string', 'string'], (pattern: string, text: string) => compileGoRegex(pattern).regexp.test(text)),
  reReplaceAll: defineFunc(['string', 'string', 'string'], (pattern: string, repl: string, text: string) => reReplaceAll(pattern, repl, text)),
  safeHtml: defineFunc(['string'], (s: string) => s),
  stripPort: defineFunc(['string'], (s: string) => stripPort(s)),
  stripDomain: defineFunc(['string'], (s: string) => stripDomain(s)),
  graphLink: defineFunc(['string'], (expr: string) => `/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=0`),
  tableLink: defineFunc(['string'], (expr: string) => `/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`),
  args: defineFunc([], (...values: GoValue[]) => Object.fromEntries(values.map((v, i) => [`arg${i}`, v])), 'any'),
};

/**
 * An expander for rule labels and annotations. Templates are parsed once and
 * cached; a template that fails to parse or execute expands to Prometheus's
 * `<error expanding template: …>` text instead of failing the evaluation.
 */
export function createTemplateExpander(): Expand {
  const cache = new Map<string, GoTemplate | Error>();
  return (text: string, data: TemplateData): string => {
    if (!text.includes('{{')) return text;
    let template = cache.get(text);
    if (template === undefined) {
      try {
        template = parseGoTemplate('__alert', prelude + text, { funcs: prometheusTemplateFuncs });
      } catch (err) {
        template = err as Error;
      }
      cache.set(text, template);
    }
    if (template instanceof Error) return `<error expanding template: ${template.message}>`;
    try {
      return template.execute({
        Labels: { ...data.labels },
        ExternalLabels: { ...data.externalLabels },
        ExternalURL: data.externalUrl,
        Value: data.value,
      });
    } catch (err) {
      return `<error expanding template: ${(err as Error).message}>`;
    }
  };
}
