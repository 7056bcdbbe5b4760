import type { Ruler } from '../ruler.js';
import { deleteRules, renderLokiRules, writeRuleGroup, type RulesApiResponse } from './loki-rules.js';
import { renderPrometheusAlerts, renderPrometheusRules } from './prometheus-rules.js';

/** A ruler API request, already authenticated and resolved to one tenant by the HTTP layer. */
export interface RulerRequest {
  readonly method: string;
  /** The URL path, e.g. /loki/api/v1/rules/ns1/group1. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly tenant: string;
}

const rulesPrefixes = ['/loki/api/v1/rules', '/api/prom/rules'];

/** Whether `path` belongs to the ruler API (so the server routes it here). */
export function isRulerPath(path: string): boolean {
  return (
    path === '/prometheus/api/v1/rules' ||
    path === '/prometheus/api/v1/alerts' ||
    rulesPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
  );
}

function json(status: number, body: unknown): RulesApiResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/**
 * Answers the ruler API as Loki's ruler does (loki-http-api.md §9): the
 * object-store style YAML API, and the Prometheus-compatible rules and alerts
 * JSON. Writes go to `<first rules dir>/<tenant>/<namespace>` and reload the rules.
 */
export function handleRulerRequest(ruler: Ruler, request: RulerRequest): RulesApiResponse {
  const { method, path, query, tenant } = request;
  const groups = ruler.manager.groups.filter((group) => group.options.tenant === tenant);
  if (path === '/prometheus/api/v1/rules') {
    const type = query.get('type');
    if (type !== null && type !== '' && type !== 'alert' && type !== 'record') {
      return json(400, { status: 'error', data: null, errorType: 'bad_data', error: `not supported value "${type}"` });
    }
    const data = renderPrometheusRules(groups, {
      type: type === 'alert' || type === 'record' ? type : undefined,
      files: query.getAll('file[]').concat(query.getAll('file')),
      groups: query.getAll('rule_group[]').concat(query.getAll('rule_group')),
      ruleNames: query.getAll('rule_name[]').concat(query.getAll('rule_name')),
    });
    return json(200, { status: 'success', data, errorType: '', error: '' });
  }
  if (path === '/prometheus/api/v1/alerts') {
    return json(200, { status: 'success', data: renderPrometheusAlerts(groups), errorType: '', error: '' });
  }
  const prefix = rulesPrefixes.find((p) => path === p || path.startsWith(`${p}/`)) ?? '';
  const segments = path.slice(prefix.length).split('/').filter((s) => s !== '').map(decodeURIComponent);
  const [namespace, group] = segments;
  const rulesDir = ruler.manager.options.rulesDirs[0] ?? '';
  const reloadAfter = (response: RulesApiResponse): RulesApiResponse => {
    if (response.status >= 300) return response;
    try {
      ruler.reload();
    } catch (err) {
      return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${(err as Error).message}\n` };
    }
    return response;
  };
  switch (method) {
    case 'GET':
      return renderLokiRules(ruler.manager.namespaces, tenant, namespace, group);
    case 'POST':
      if (namespace === undefined || group !== undefined) return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'method not allowed\n' };
      return reloadAfter(writeRuleGroup(rulesDir, tenant, namespace, request.body));
    case 'DELETE':
      if (namespace === undefined) return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'method not allowed\n' };
      return reloadAfter(deleteRules(rulesDir, tenant, namespace, group));
    default:
      return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'method not allowed\n' };
  }
}
