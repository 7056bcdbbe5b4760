import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createLogger, type Logger } from '../../core/index.js';
import { createAgent, defaultConfigText, parseAgentArgs, type Agent } from '../../agent/index.js';
import { createEngine, type Engine } from '../../logql/index.js';
import { builtinDetectionsDir, createRuler, createTemplateExpander, type Ruler } from '../../ruler/index.js';
import {
  createRemoteEngine,
  createRemoteLokiClient,
  createRemoteStore,
  createRulerModule,
  createServer,
  createUiModule,
  parseServerConfig,
  withPushListener,
  type ServerModule,
  type WatchpostServer,
} from '../../server/index.js';
import { parseShipperConfig, startShipper, type Shipper } from '../../shipper/index.js';
import { createStore, type Store } from '../../store/index.js';
import { SupervisedComponent, type ComponentSpec, type ComponentStatus } from './component.js';
import { buildUpShipperConfig } from './shipper-config.js';
import type { UpConfig } from './up-config.js';

export interface RunningUp {
  /** The API/UI base URL (embedded mode), or undefined in push mode. */
  readonly url: string | undefined;
  status(): ComponentStatus[];
  stop(): Promise<void>;
}

/** Queries for the Hosts page and the container detection, on top of the default packs. */
const upPack = {
  platform: 'linux',
  queries: {
    os_version: { query: 'SELECT name, version, major, minor, platform FROM os_version;', interval: 3600, snapshot: true, description: 'OS of this host (Hosts page).' },
    docker_container_ports: { query: 'SELECT id, type, port, host_ip, host_port FROM docker_container_ports;', interval: 300, description: 'Ports published by Docker containers.' },
  },
};

/**
 * `watchpost up`: the whole seed system in one process. Embedded mode runs
 * store → ruler → server (API, ruler API, UI, /metrics) → agent → shipper;
 * push mode (`--push-url`) runs only the agent and the shipper. Each part is
 * supervised: one failing is retried and reported, the others keep running.
 */
export async function runUp(config: UpConfig, options: { logger?: Logger; onChange?: () => void } = {}): Promise<RunningUp> {
  const logger = options.logger ?? createLogger({ fields: { component: 'up' } });
  const dataDir = config.dataDir;
  mkdirSync(dataDir, { recursive: true });
  let store: Store | undefined;
  let engine: Engine | undefined;
  let ruler: Ruler | undefined;
  let server: WatchpostServer | undefined;
  let shipper: Shipper | undefined;
  let agent: Agent | undefined;
  // /metrics serves the server's registry plus these (the ruler's now, the shipper's once it runs).
  const rulerRegistry = new Registry();
  const extraRegistries: Registry[] = [rulerRegistry];
  const components: SupervisedComponent[] = [];
  const add = (spec: ComponentSpec): SupervisedComponent => {
    const component = new SupervisedComponent(spec, logger.child({ component: spec.name }), options.onChange);
    components.push(component);
    return component;
  };
  const allRunning = (): boolean => components.every((c) => c.status().state === 'running');
  const embedded = config.pushUrl === undefined;
  const serverConfig = config.serverConfigText === undefined ? undefined : parseServerConfig(config.serverConfigText, (path) => readFileSync(path, 'utf8'));
  // With credentials configured, this process's own shipper pushes with a token of its own (tenant fake,
  // where the built-in detections run); it lives only as long as the process.
  const authOn = (serverConfig?.auth?.tokens?.length ?? 0) + (serverConfig?.auth?.basicAuth?.length ?? 0) > 0;
  const internalToken = authOn ? randomBytes(24).toString('hex') : undefined;
  const auth =
    serverConfig?.auth && internalToken
      ? { ...serverConfig.auth, tokens: [...(serverConfig.auth.tokens ?? []), { name: 'watchpost-up-shipper', token: internalToken, tenants: ['fake'] }] }
      : serverConfig?.auth;

  if (embedded) {
    add({
      name: 'store',
      async start() {
        if (config.externalLoki) {
          // Store in and query an external Loki: its engine evaluates, Watchpost forwards.
          const client = createRemoteLokiClient(config.externalLoki);
          store = createRemoteStore(client);
          engine = createRemoteEngine(client);
          await store.labelNames('fake', { startNs: BigInt(Date.now() - 60_000) * 1_000_000n, endNs: BigInt(Date.now()) * 1_000_000n });
          return { detail: `external Loki ${config.externalLoki.url}`, stop: async () => undefined };
        }
        store = await createStore({ dataDir: join(dataDir, 'store'), retentionPeriodMs: serverConfig?.retentionPeriodMs, logger: logger.child({ component: 'store' }) });
        engine = createEngine(store, serverConfig?.queryLimits ?? {});
        return { detail: join(dataDir, 'store'), stop: async () => store?.close() };
      },
    });
    add({
      name: 'ruler',
      async start() {
        if (!engine) throw new Error('waiting for the store');
        const query = engine;
        const rulesDirs = [...(config.builtinDetections ? [builtinDetectionsDir()] : []), ...config.rulesDirs];
        for (const dir of config.rulesDirs) mkdirSync(dir, { recursive: true });
        ruler = createRuler({
          rulesDirs,
          dataDir,
          query: (tenant, expr, tsMs) => query.instantVector(tenant, expr, tsMs),
          expand: createTemplateExpander(),
          alertmanagerUrls: config.alertmanagerUrls,
          webhookUrls: config.webhookUrls,
          remoteWriteUrls: config.remoteWriteUrls,
          externalUrl: `http://${config.listenAddress}:${config.listenPort}`,
          defaultIntervalMs: config.evaluationIntervalMs,
          logger: logger.child({ component: 'ruler' }),
          registry: rulerRegistry,
        });
        ruler.start();
        const rules = ruler.manager.groups.reduce((n, g) => n + g.rules.length, 0);
        return { detail: `${rules} rules, ${config.alertmanagerUrls.length} alertmanager(s), ${config.webhookUrls.length} webhook(s)`, stop: async () => ruler?.stop() };
      },
    });
    add({
      name: 'server',
      async start() {
        if (!store || !engine) throw new Error('waiting for the store');
        const modules: ServerModule[] = [createUiModule()];
        if (ruler) modules.push(createRulerModule(ruler));
        modules.push(createUpModule(() => components.map((c) => c.status())));
        server = createServer({
          store: withPushListener(store, (tenant, labels) => ruler?.notifyIngest(tenant, labels)),
          engine,
          host: config.listenAddress,
          port: config.listenPort,
          authEnabled: serverConfig?.authEnabled,
          auth,
          tls: serverConfig?.tls ? { cert: readFileSync(serverConfig.tls.certFile), key: readFileSync(serverConfig.tls.keyFile) } : undefined,
          logger: logger.child({ component: 'server' }),
          modules,
          extraRegistries,
          isReady: allRunning,
        });
        await server.listen();
        return { detail: `${server.url} (Loki API, UI, /metrics)`, stop: async () => server?.close() };
      },
    });
  }

  add({
    name: 'agent',
    async start() {
      const agentDir = join(dataDir, 'agent');
      mkdirSync(agentDir, { recursive: true });
      const configPath = join(agentDir, 'osquery.conf');
      const base = JSON.parse(defaultConfigText()) as { packs: Record<string, unknown> };
      base.packs['watchpost-up'] = upPack;
      Object.assign(base.packs, config.extraPacks);
      writeFileSync(configPath, `${JSON.stringify(base, null, 2)}\n`);
      const flags = parseAgentArgs([
        `--config_path=${configPath}`,
        `--logger_path=${join(agentDir, 'log')}`,
        `--database_path=${join(agentDir, 'db')}`,
        `--pidfile=${join(agentDir, 'osqueryd.pid')}`,
        `--host_identifier=${config.hostIdentifierMode}`,
        ...(config.hostIdentifierMode === 'specified' ? [`--specified_identifier=${config.hostIdentifier}`] : []),
      ]);
      agent = createAgent({ flags });
      await agent.start();
      return { detail: `${configPath} → ${join(agentDir, 'log', 'osqueryd.results.log')}`, stop: async () => agent?.stop() };
    },
  });

  add({
    name: 'shipper',
    async start() {
      const pushUrl = config.pushUrl ?? (server ? `${server.url}/loki/api/v1/push` : undefined);
      if (pushUrl === undefined) throw new Error('waiting for the server');
      const shipDir = join(dataDir, 'shipper');
      mkdirSync(shipDir, { recursive: true });
      const text = buildUpShipperConfig({
        resultsLog: join(dataDir, 'agent', 'log', 'osqueryd.results.log'),
        snapshotsLog: join(dataDir, 'agent', 'log', 'osqueryd.snapshots.log'),
        authLogs: config.authLogs,
        journal: config.journal,
        host: config.hostIdentifier,
        pushUrl,
        bearerToken: config.pushToken ?? (config.pushUrl === undefined ? internalToken : undefined),
        tenant: config.pushTenant ?? (config.pushUrl === undefined && internalToken ? 'fake' : undefined),
        positionsFile: join(shipDir, 'positions.yaml'),
      });
      writeFileSync(join(shipDir, 'promtail.yaml'), text);
      shipper = await startShipper({ config: parseShipperConfig(text), logger: logger.child({ component: 'shipper' }), bufferDir: join(shipDir, 'buffer'), listen: false });
      extraRegistries.push(shipper.registry);
      return { detail: `→ ${pushUrl}`, stop: async () => shipper?.stop() };
    },
  });

  for (const component of components) await component.start();
  return {
    get url() {
      return server?.url;
    },
    status: () => components.map((c) => c.status()),
    async stop() {
      for (const component of [...components].reverse()) await component.stop();
    },
  };
}

/** `/api/v1/status`: one line per component, for `watchpost status` and the UI. */
function createUpModule(status: () => ComponentStatus[]): ServerModule {
  return {
    name: 'up',
    routes: [
      {
        method: 'GET',
        path: '/api/v1/status',
        access: 'authenticated',
        handle(ctx) {
          const components = status();
          const body = JSON.stringify({ status: components.every((c) => c.state === 'running') ? 'ready' : 'degraded', components });
          ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
          ctx.res.end(body);
        },
      },
    ],
  };
}
