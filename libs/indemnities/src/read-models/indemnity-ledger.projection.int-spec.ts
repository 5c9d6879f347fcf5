import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner } from '@sportello/eventstore';
import { faultStream } from '@sportello/faults/application/fault-streams';
import { FaultCommand } from '@sportello/faults/domain/fault.commands';
import { faultDecider } from '@sportello/faults/domain/fault.decider';
import { FASTWEB_FAULTS } from '@sportello/faults/testing/fault-policies.fixture';
import { faultStoreOnPostgres } from '@sportello/faults/testing/fault-store';
import { loadPolicyCatalog } from '@sportello/policies';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { IndemnityAssessmentReactor } from '../application/assessing/indemnity-assessment-reactor';
import { IndemnityQueries } from '../application/queries/indemnity-queries';
import { pinnedPolicies } from '../application/rates/pinned-policies';
import { indemnityEventSchemas } from '../indemnities.schemas';
import { indemnityLedgerProjection } from './indemnity-ledger.projection';

const clock = new TestClock('2026-03-02T08:05:00Z');
const { db, schema, storage, store, dispose } = faultStoreOnPostgres('ledger_rm', clock);
store.registry.register(...Object.values(indemnityEventSchemas));
const commands = new CommandHandler(store, clock);
const runner = new ProjectionRunner(db, store, indemnityLedgerProjection, { schema, idleMs: 20 });
const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));
const reactor = new IndemnityAssessmentReactor(store, pinnedPolicies(catalog));
const queries = new IndemnityQueries(db, schema, catalog);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };

beforeAll(async () => {
  await storage.init();
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

async function run(faultId: string, command: FaultCommand, now: string) {
  clock.set(now);
  await commands.handle(faultDecider, {
    stream: faultStream(faultId),
    command,
    actor: operator,
    correlationId: 'corr',
  });
}

/** What the worker's subscription does: every event of the stream through the reactor. */
async function react(faultId: string) {
  for (const event of await store.readStream(faultStream(faultId))) await reactor.handle(event);
}

async function rows(faultId: string) {
  await runner.caughtUp();
  const { rows: found } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.indemnity_ledger WHERE ticket_id = $1`,
    [faultId],
  );
  return found;
}

describe('the indemnity ledger projection and its reactor (IND-12)', () => {
  const faultId = uuidv7();

  it('given a missed repair deadline, then one accruing line holding inputs (no amount) and no personal data', async () => {
    await run(
      faultId,
      {
        type: 'ReportFault',
        faultId,
        reference: 'GU-2026-LEDGER01',
        policy: FASTWEB_FAULTS,
        customer: { subjectId: 's-ledger', customerType: 'residential', name: 'Marco Bianchi' },
        lineId: 'LINE-0001',
        service: 'broadband',
        channel: 'phone',
        description: 'Nessuna connessione',
        reportedAt: '2026-03-02T09:00:00+01:00',
      },
      '2026-03-02T08:05:00Z',
    );
    await run(
      faultId,
      { type: 'RecordRepairDeadlineMissed', repairDueAt: '2026-03-05T08:00:00.000Z' },
      '2026-03-05T08:00:05Z',
    );
    const [line] = await rows(faultId);
    expect(line).toMatchObject({
      ticket_kind: 'fault',
      reference: 'GU-2026-LEDGER01',
      operator: 'FASTWEB',
      policy_version: 'FASTWEB@cds-2017',
      customer_type: 'residential',
      subject_id: 's-ledger',
      indemnity_type: 'REPAIR_DELAY',
      assessment: null,
      figure_cents: null,
    });
    expect(JSON.stringify(line)).not.toMatch(/Marco|LINE-0001|Nessuna/);
    const view = await queries.line(line.line_id as string, new Date('2026-03-07T09:30:00Z'));
    expect(view).toMatchObject({ status: 'accruing', days: 3, amountCents: 1500 });
  });

  it('given the restoration and the closure, the reactor appends IndemnityAssessed once (deterministic id), and the line is assessed', async () => {
    await run(
      faultId,
      { type: 'RestoreService', restoredAt: '2026-03-08T10:00:00+01:00' },
      '2026-03-08T09:05:00Z',
    );
    await run(
      faultId,
      { type: 'CloseFault', policy: FASTWEB_FAULTS, outcome: 'repaired', finding: null },
      '2026-03-08T09:06:00Z',
    );
    await react(faultId);
    await react(faultId);
    const assessed = (await store.readStream(faultStream(faultId))).filter(
      (e) => e.type === 'IndemnityAssessed',
    );
    expect(assessed).toHaveLength(1);
    expect(assessed[0].metadata).toMatchObject({
      actor: { id: 'system:indemnity-assessment-reactor', role: 'system' },
      subjectIds: ['s-ledger'],
      policyVersion: 'FASTWEB@cds-2017',
    });
    const [line] = await rows(faultId);
    expect(line).toMatchObject({ figure_cents: 2000, assessment_id: assessed[0].id });
    expect(
      await queries.line(line.line_id as string, new Date('2026-04-01T00:00:00Z')),
    ).toMatchObject({
      status: 'assessed',
      days: 4,
      amountCents: 2000,
      assessment: { recomputes: true },
    });
  });

  it('rebuilt from the log, the ledger equals the live one', async () => {
    const comparison = await runner.compare();
    expect(comparison.differences).toEqual([]);
    expect(comparison.tables.map((t) => t.liveRows)).toEqual(
      comparison.tables.map((t) => t.rebuiltRows),
    );
  });
});
