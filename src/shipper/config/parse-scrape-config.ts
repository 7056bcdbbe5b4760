import { compileGoRegexp } from '../relabel/go-regexp.js';
import type { JournalConfig, RelabelAction, RelabelConfig, ScrapeConfig, StaticConfig, SyslogConfig } from './types.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';

const unsupported = [
  'file_sd_configs', 'kubernetes_sd_configs', 'docker_sd_configs', 'consul_sd_configs', 'consulagent_sd_configs',
  'loki_push_api', 'windows_events', 'gcplog', 'azure_event_hubs', 'kafka', 'gelf', 'cloudflare', 'heroku_drain',
  'decompression', 'encoding', 'limits_config',
] as const;

const actions: readonly RelabelAction[] = [
  'replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal',
];

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** One `scrape_configs` item. */
export function parseScrapeConfig(r: YamlReader, at: YamlNode): ScrapeConfig {
  const f = r.fields(at, ['job_name', 'pipeline_stages', 'static_configs', 'relabel_configs', 'journal', 'syslog', ...unsupported]);
  for (const key of unsupported) {
    const node = f.get(key);
    if (node && !r.isNull(node)) r.fail(node, `${key} is not supported by watchpost ship`);
  }
  const jobNode = f.get('job_name');
  if (!jobNode || r.isNull(jobNode)) return r.fail(at, 'job_name is required');
  const stagesNode = f.get('pipeline_stages');
  const pipelineStages = stagesNode ? r.list(stagesNode).map((n) => r.plain(n)) : [];
  const journal = f.get('journal');
  const syslog = f.get('syslog');
  return {
    jobName: r.string(jobNode),
    pipelineStages,
    staticConfigs: r.list(f.get('static_configs') ?? { node: null, path: '' }).map((n) => parseStaticConfig(r, n)),
    relabelConfigs: r.list(f.get('relabel_configs') ?? { node: null, path: '' }).map((n) => parseRelabelConfig(r, n)),
    journal: journal && !r.isNull(journal) ? parseJournal(r, journal) : undefined,
    syslog: syslog && !r.isNull(syslog) ? parseSyslog(r, syslog) : undefined,
  };
}

function parseStaticConfig(r: YamlReader, at: YamlNode): StaticConfig {
  const f = r.fields(at, ['targets', 'labels']);
  const labelsNode = f.get('labels');
  const labels = labelsNode ? r.stringMap(labelsNode) : {};
  for (const name of Object.keys(labels)) {
    if (!labelName.test(name)) r.fail(labelsNode as YamlNode, `"${name}" is not a valid label name`);
  }
  return { targets: f.get('targets') ? r.stringList(f.get('targets') as YamlNode) : [], labels };
}

/** A Prometheus relabel_config with Prometheus's defaults and validation. */
export function parseRelabelConfig(r: YamlReader, at: YamlNode): RelabelConfig {
  const f = r.fields(at, ['source_labels', 'separator', 'regex', 'target_label', 'replacement', 'modulus', 'action']);
  const get = (key: string): YamlNode | undefined => {
    const n = f.get(key);
    return n && !r.isNull(n) ? n : undefined;
  };
  const actionText = get('action') ? r.string(get('action') as YamlNode).toLowerCase() : 'replace';
  if (!(actions as readonly string[]).includes(actionText)) r.fail(get('action') as YamlNode, `unknown relabel action "${actionText}"`);
  const action = actionText as RelabelAction;
  const regexText = get('regex') ? r.string(get('regex') as YamlNode) : '(.*)';
  let regex: RegExp;
  try {
    regex = compileGoRegexp(regexText, { anchored: true });
  } catch (err) {
    return r.fail(get('regex') as YamlNode, `error parsing regexp: ${(err as Error).message}`);
  }
  const config: RelabelConfig = {
    sourceLabels: get('source_labels') ? r.stringList(get('source_labels') as YamlNode) : [],
    separator: get('separator') ? r.string(get('separator') as YamlNode) : ';',
    regex,
    targetLabel: get('target_label') ? r.string(get('target_label') as YamlNode) : '',
    replacement: f.has('replacement') ? (get('replacement') ? r.string(get('replacement') as YamlNode) : '') : '$1',
    modulus: get('modulus') ? r.int(get('modulus') as YamlNode) : 0,
    action,
  };
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
  if (needsTarget.includes(action) && config.targetLabel === '') r.fail(at, `relabel configuration for ${action} action requires 'target_label' value`);
  if (action === 'hashmod' && config.modulus === 0) r.fail(at, 'relabel configuration for hashmod requires non-zero modulus');
  if ((action === 'labeldrop' || action === 'labelkeep') && (config.sourceLabels.length > 0 || config.targetLabel !== '')) {
    r.fail(at, `${action} action requires only 'regex', and no other fields`);
  }
  return config;
}

function parseJournal(r: YamlReader, at: YamlNode): JournalConfig {
  const f = r.fields(at, ['json', 'max_age', 'path', 'labels', 'matches']);
  return {
    json: f.get('json') && !r.isNull(f.get('json') as YamlNode) ? r.bool(f.get('json') as YamlNode) : false,
    maxAgeMs: f.get('max_age') && !r.isNull(f.get('max_age') as YamlNode) ? r.durationMs(f.get('max_age') as YamlNode) : 7 * 3_600_000,
    path: f.get('path') && !r.isNull(f.get('path') as YamlNode) ? r.string(f.get('path') as YamlNode) : '',
    labels: f.get('labels') ? r.stringMap(f.get('labels') as YamlNode) : {},
    matches: f.get('matches') && !r.isNull(f.get('matches') as YamlNode) ? r.string(f.get('matches') as YamlNode).split(/\s+/).filter(Boolean) : [],
  };
}

function parseSyslog(r: YamlReader, at: YamlNode): SyslogConfig {
  const f = r.fields(at, [
    'listen_address', 'listen_protocol', 'idle_timeout', 'label_structured_data', 'labels', 'use_incoming_timestamp',
    'use_rfc5424_message', 'max_message_length', 'syslog_format', 'tls_config',
  ]);
  const has = (k: string): YamlNode | undefined => {
    const n = f.get(k);
    return n && !r.isNull(n) ? n : undefined;
  };
  const protocol = has('listen_protocol') ? r.string(has('listen_protocol') as YamlNode) : 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') r.fail(has('listen_protocol') as YamlNode, `unsupported protocol "${protocol}" (tcp or udp)`);
  const format = has('syslog_format') ? r.string(has('syslog_format') as YamlNode) : 'rfc5424';
  if (format !== 'rfc5424' && format !== 'rfc3164') r.fail(has('syslog_format') as YamlNode, `unknown syslog format "${format}" (rfc5424 or rfc3164)`);
  const listen = has('listen_address');
  if (!listen) r.fail(at, 'syslog listen_address is required');
  return {
    listenAddress: r.string(listen),
    listenProtocol: protocol,
    idleTimeoutMs: has('idle_timeout') ? r.durationMs(has('idle_timeout') as YamlNode) : 120_000,
    labelStructuredData: has('label_structured_data') ? r.bool(has('label_structured_data') as YamlNode) : false,
    labels: has('labels') ? r.stringMap(has('labels') as YamlNode) : {},
    useIncomingTimestamp: has('use_incoming_timestamp') ? r.bool(has('use_incoming_timestamp') as YamlNode) : false,
    useRfc5424Message: has('use_rfc5424_message') ? r.bool(has('use_rfc5424_message') as YamlNode) : false,
    maxMessageLength: has('max_message_length') ? r.int(has('max_message_length') as YamlNode) : 8192,
    syslogFormat: format,
  };
}
