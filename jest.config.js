/** Jest: unit specs beside the code, end-to-end specs in test/ against real Postgres and Redis. */
// Transpile only, with SWC (tsconfig has isolatedModules): `npm test` type-checks the whole tree with tsc first.
// The options are tsconfig.json's as SWC spells them: ES2022 classes (define semantics), legacy decorators with
// their design-type metadata (Nest's injection and TypeORM's columns read it), CommonJS, source maps for stacks.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const transform = { '^.+\\.ts$': ['@swc/jest', swc] };
// d3's packages are ESM-only in their package exports. Node (>= 20.19) require()s them as they are, in
// dist/ and in production; Jest's own module loader cannot, so it is given each package's UMD build.
// `@pathway/<lib>/<file>` is `libs/<lib>/src/<file>` (tsconfig.json's paths; tsc-alias rewrites them in dist/).
const moduleNameMapper = {
  '^(d3-[a-z-]+|internmap)$': '<rootDir>/node_modules/$1/dist/$1.js',
  '^@pathway/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// `npm test` (PATHWAY_E2E_GROUPS=1) runs the e2e files in the groups of test/e2e-groups.json, one Jest file
// (test/groups/*.e2e-group.ts) per group, so each group loads the app's modules once; `npx jest <file>` runs files alone.
const grouped = process.env.PATHWAY_E2E_GROUPS === '1';
module.exports = {
  // Each e2e file has a database and Redis prefix of its own (test/support/own-database.ts), so files run in
  // parallel. Four workers on two cores: the real-time groups (reminder delivery, outbox, kill -9) mostly wait on
  // the clock and the queue, and the others fill the cores they leave idle (measured with the e2e groups: 3
  // workers 206 s with 39 s of a core idle, 4 workers 196 s with 11 s idle).
  maxWorkers: 4,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: grouped ? ['**/groups/*.e2e-group.ts'] : ['**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/per-file-database.ts'],
    },
  ],
};
