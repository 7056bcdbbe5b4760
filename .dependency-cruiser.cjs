/**
 * Import boundaries of ../shared/STYLE.md: each folder imports only what its
 * arrow allows, and nothing forms a cycle.
 */
const allow = {
  core: ['core'],
  logql: ['core', 'logql'],
  store: ['core', 'logql', 'store'],
  ruler: ['core', 'logql', 'ruler'],
  shipper: ['core', 'logql', 'shipper'],
  agent: ['core', 'agent'],
  server: ['core', 'logql', 'store', 'ruler', 'shipper', 'agent', 'server'],
  cli: ['core', 'logql', 'store', 'ruler', 'shipper', 'agent', 'server', 'cli'],
  web: ['web'],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...Object.entries(allow).map(([from, to]) => ({
      name: `${from}-boundary`,
      severity: 'error',
      comment: `src/${from} may import only ${to.join(', ')}`,
      from: { path: `^src/${from}/` },
      to: { path: '^src/', pathNot: to.map((t) => `^src/${t}/`) },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(\\.test\\.ts$|/testdata/)' },
  },
};
