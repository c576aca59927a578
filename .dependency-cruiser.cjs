/**
 * The layering of docs/architecture.md, in executable form (`npm run lint:deps`):
 *
 *   libs/domain  <-  libs/platform, libs/database  <-  feature libs  <-  libs/web  <-  apps
 *
 * Arrows point inward: a lib may import only from its own layer's lower neighbours, never up;
 * no cycles between libs or files.
 */

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, between libs or files.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports no other lib and no framework that talks to the outside.',
      from: { path: '^libs/domain/' },
      to: {
        path: ['^libs/(?!domain/)', '^apps/', '^migrations/', '(^|/)node_modules/(typeorm|pg|ioredis|bullmq|@nestjs/typeorm|express)/'],
      },
    },
    {
      name: 'platform-and-database-know-no-feature',
      severity: 'error',
      comment: 'platform and database stand under the features: they import only domain, each other (platform -> database) and migrations.',
      from: { path: '^libs/(platform|database)/' },
      to: { path: ['^libs/(?!(domain|platform|database)/)', '^apps/'] },
    },
    {
      name: 'database-does-not-import-platform',
      severity: 'error',
      from: { path: '^libs/database/' },
      to: { path: '^libs/platform/' },
    },
    {
      name: 'features-do-not-import-web-or-apps',
      severity: 'error',
      comment: 'Feature libs never reach up into the web pages or the apps.',
      from: { path: '^libs/(?!(domain|platform|database|web)/)' },
      to: { path: ['^libs/web/', '^apps/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'worker-loads-no-web-code',
      severity: 'error',
      comment: 'The worker process runs jobs: nothing it loads, directly or not, is a page, an HTTP read model or another app.',
      from: { path: '^apps/worker/' },
      to: { path: ['^libs/web/', '^libs/pipeline/', '^libs/queue/src/dashboard/', '^apps/(api|start)/'], reachable: true },
    },
    {
      name: 'api-does-not-import-other-apps',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/(worker|start)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
