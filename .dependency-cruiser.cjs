/**
 * The arrows of ../shared/design/ARCHITECTURE.md, checked on every `npm run lint`:
 * handlers -> services -> domain; adapters implement the ports declared beside the services;
 * the composition root (functions/src/app) wires everything; no cycles; production code never
 * reaches the sandbox, the tests or the benchmarks; the browser never reaches the functions.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle: split the shared part out.', from: {}, to: { circular: true } },
    {
      name: 'production-not-to-sandbox',
      severity: 'error',
      comment: 'Production code (functions, api, webresources, solution) never imports the sandbox, the tests or the benchmarks.',
      from: { path: '^(functions|api|webresources|solution)/' },
      to: { path: '^(sandbox|tests|bench)/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain knows no HTTP, no Dataverse, no CLM: it imports only the domain, the shared api schemas and zod.',
      from: { path: '^functions/src/domain/' },
      to: { pathNot: ['^functions/src/domain/', '^api/', '^node_modules/zod/'] },
    },
    {
      name: 'services-not-to-outside',
      severity: 'error',
      comment: 'Services see ports, never adapters, handlers or the composition root.',
      from: { path: '^functions/src/services/' },
      to: { path: '^functions/src/(adapters|handlers|app)/' },
    },
    {
      name: 'services-no-sdk',
      severity: 'error',
      comment: 'Remote SDKs belong to adapters.',
      from: { path: '^functions/src/services/' },
      to: { path: '^node_modules/(@azure/|dynamics-web-api|axios|jose)' },
    },
    {
      name: 'handlers-not-to-adapters',
      severity: 'error',
      comment: 'Handlers translate HTTP to one service call; the adapters come from the composition root.',
      from: { path: '^functions/src/handlers/' },
      to: { path: '^functions/src/(adapters|app)/' },
    },
    {
      name: 'adapters-do-not-call-use-cases',
      severity: 'error',
      comment: 'Adapters implement ports; they may use the ports, errors and shared names of services, never a use case.',
      from: { path: '^functions/src/adapters/' },
      to: {
        path: '^functions/src/(services|handlers|app)/',
        pathNot: [
          '^functions/src/services/ports\\.ts$',
          '^functions/src/services/[a-z-]+/ports\\.ts$',
          '^functions/src/services/errors\\.ts$',
          '^functions/src/services/webhooks/queue-names\\.ts$',
        ],
      },
    },
    {
      name: 'only-the-entry-builds-the-app',
      severity: 'error',
      comment: 'The composition root is called by index.ts, the dev host, tests and benchmarks only.',
      from: { path: '^functions/src/', pathNot: ['^functions/src/index\\.ts$', '^functions/src/app/'] },
      to: { path: '^functions/src/app/' },
    },
    {
      name: 'browser-not-to-functions',
      severity: 'error',
      comment: 'The web resources share only the api/ schemas with the functions.',
      from: { path: '^webresources/' },
      to: { path: '^(functions|sandbox|solution)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
