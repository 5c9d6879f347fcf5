import { TestClock } from '@sportello/clock';
import { CommandHandler, liveTables, ProjectionRunner } from '@sportello/eventstore';
import { FASTWEB_DIRECTORY } from '../testing/directory-policies.fixture';
import { directoryStoreOnPostgres } from '../testing/directory-store';
import { DirectoryCommand } from '../domain/directory.commands';
import { directoryDecider } from '../domain/directory.decider';
import { directoryErrorStream } from '../application/directory-streams';
import { directoryErrorsProjection } from './directory-errors.projection';

const clock = new TestClock('2026-02-20T10:05:00+01:00');
const { db, schema, storage, store, vault, dispose } = directoryStoreOnPostgres('dir_rm', clock);
const commands = new CommandHandler(store, clock);
const runner = new ProjectionRunner(db, store, directoryErrorsProjection, { schema, idleMs: 20 });
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const policy = FASTWEB_DIRECTORY;
const id = '01a20386-0000-7000-8000-00000000e001';
const SUBJECT = '01a20386-0000-7000-8000-0000000b0001';
const REQUESTED = { name: 'Rossi Mario', number: '011 1234567', address: 'Via Po 3, Torino' };

beforeAll(async () => {
  await storage.init();
  await directoryErrorsProjection.createTables(db, liveTables(schema, directoryErrorsProjection));
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const run = (command: DirectoryCommand) =>
  commands.handle(directoryDecider, {
    stream: directoryErrorStream(id),
    command,
    actor: operator,
    correlationId: 'corr',
  });

async function row() {
  await runner.caughtUp();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.directory_errors WHERE error_id = $1`,
    [id],
  );
  return rows[0];
}

describe('directory errors read model', () => {
  it('AS-28: given a wrong number reported, corrected and attributed, then the row holds the flat figure and the reference, and no personal data', async () => {
    await run({
      type: 'ReportDirectoryError',
      errorId: id,
      reference: 'DE-2026-ABCD2345',
      policy,
      customer: { subjectId: SUBJECT, customerType: 'business', name: 'Mario Rossi' },
      lineId: '0111234567',
      medium: 'printed_directory',
      requested: { publish: true, basis: 'customer_request', listing: REQUESTED },
      published: { ...REQUESTED, number: '011 7654321' },
      erroneousSince: '2025-03-01',
      discoveredOn: '2026-02-20',
      reportedAt: '2026-02-20T10:00:00+01:00',
      channel: 'phone',
    });
    expect(await row()).toMatchObject({
      reference: 'DE-2026-ABCD2345',
      status: 'open',
      error_kind: 'WRONG_DATA',
      wrong_fields: ['number'],
      attributable: null,
      indemnity_status: null,
    });
    clock.set('2026-03-01T09:00:00+01:00');
    await run({ type: 'RecordListingCorrection', policy, correctedOn: '2026-03-01' });
    clock.set('2026-03-05T09:00:00+01:00');
    await run({
      type: 'DecideDirectoryErrorAttribution',
      policy,
      attributable: true,
      reason: 'Numero inserito male',
    });
    const r = await row();
    expect(r).toMatchObject({
      status: 'corrected',
      corrected_on: '2026-03-01',
      attributable: true,
      indemnity_status: 'due',
      credited_cents: 5000,
      reference_cents: 80000,
      reference_years: 1,
      revision: 3,
    });
    expect(JSON.stringify(r)).not.toMatch(/Rossi|0111234567|7654321|Via Po/);
  });

  it('seals the customer, the line and both listings; erased, they read as erased', async () => {
    const raw = await storage.readStream(directoryErrorStream(id), {
      direction: 'forwards',
      maxCount: 10,
    });
    expect(JSON.stringify(raw.map((e) => e.data))).not.toMatch(
      /Rossi|0111234567|1234567|7654321|Via Po|Numero inserito/,
    );
    await vault.destroy(SUBJECT);
    const [reported] = await store.readStream(directoryErrorStream(id));
    expect(reported.data).toMatchObject({
      customer: { name: '[erased]', customerType: 'business' },
      lineId: '[erased]',
      requested: { publish: true, listing: '[erased]' },
      published: '[erased]',
      wrongFields: ['number'],
    });
  });

  it('rebuilds to the same rows', async () => {
    const before = await row();
    await runner.rebuild();
    expect(await row()).toEqual(before);
  });
});
