import { describeEventStoreConformance } from '../../testing/conformance';
import { pgliteHarness } from '../../testing/postgres-harness';
import { PGliteExecutor } from '../../sql/pglite-executor';

// One embedded instance per test file: PGlite takes seconds and hundreds of MB to start.
let db: PGliteExecutor;
beforeAll(async () => {
  db = await PGliteExecutor.open();
}, 60_000);
afterAll(() => db.close());

describeEventStoreConformance('PGlite', () => pgliteHarness(db));
