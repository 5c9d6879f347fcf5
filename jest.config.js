/** Jest: unit specs (*.spec.ts) run in memory; integration (*.int-spec.ts) and end-to-end
 * (*.e2e-spec.ts) specs use the machine's real PostgreSQL and Redis. Fault-injection specs
 * (test/chaos/*.chaos-spec.ts) start their own PostgreSQL and Redis and run only with
 * `npm run test:chaos` (SPORTELLO_CHAOS=1), never in `npm test`. */
// The service's own time zone, east of UTC and with DST: code that leans on the machine's zone
// (a driver's local-midnight dates, local getters) fails here. `TZ=UTC npm test` checks the other.
process.env.TZ = process.env.TZ || 'Europe/Rome';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@sportello/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@sportello/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/', '\\.chaos-spec\\.ts$'],
};
const chaos = {
  ...common,
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/'],
};
module.exports = {
  // Integration and end-to-end tests start real services; a unit test stays far below this.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
    ...(process.env.SPORTELLO_CHAOS === '1' ? [chaos] : []),
  ],
};
