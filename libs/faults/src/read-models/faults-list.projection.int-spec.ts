import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner } from '@sportello/eventstore';
import { FaultQueries } from '../application/queries/fault-queries';
import { faultStream, outageStream } from '../application/fault-streams';
import { FaultCommand } from '../domain/fault.commands';
import { faultDecider } from '../domain/fault.decider';
import { outageDecider } from '../domain/outage.decider';
import { FASTWEB_FAULTS, PSA_FAULTS } from '../testing/fault-policies.fixture';
import { faultStoreOnPostgres } from '../testing/fault-store';
import { faultsListProjection } from './faults-list.projection';

const clock = new TestClock('2026-03-02T09:00:00Z');
const { db, schema, storage, store, dispose } = faultStoreOnPostgres('faults_rm', clock);
const commands = new CommandHandler(store, clock);
const runner = new ProjectionRunner(db, store, faultsListProjection, { schema, idleMs: 20 });
const queries = new FaultQueries(db, schema);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const supervisor = { id: 'sup-1', role: 'supervisor', roles: ['supervisor'] };

beforeAll(async () => {
  await storage.init();
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const personal = ['Marco Bianchi', '333 0000000', 'LINE-0001', 'Nessuna connessione', 'portinaio'];

async function run(faultId: string, command: FaultCommand, actor = operator) {
  await commands.handle(faultDecider, {
    stream: faultStream(faultId),
    command,
    actor,
    correlationId: 'corr',
  });
}

async function report(policy = FASTWEB_FAULTS, reportedAt = '2026-03-02T09:00:00+01:00') {
  const faultId = uuidv7();
  await run(faultId, {
    type: 'ReportFault',
    faultId,
    reference: `GU-2026-${faultId.slice(-8).toUpperCase()}`,
    policy,
    customer: {
      subjectId: uuidv7(),
      customerType: 'residential',
      name: 'Marco Bianchi',
      phone: '+39 333 0000000',
    },
    lineId: 'LINE-0001',
    service: 'broadband',
    channel: 'phone',
    description: 'Nessuna connessione',
    reportedAt,
  });
  return faultId;
}

async function row(faultId: string) {
  await runner.caughtUp();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.faults WHERE fault_id = $1`,
    [faultId],
  );
  return rows[0];
}

describe('faults list projection', () => {
  it('given a report, then one open row with its deadline and no personal data; the log holds it sealed', async () => {
    clock.set('2026-03-02T09:00:00Z');
    const id = await report();
    const r = await row(id);
    expect(r).toMatchObject({
      operator: 'FASTWEB',
      policy_version: 'FASTWEB@cds-2017',
      status: 'open',
      service: 'broadband',
      term_kind: 'ELAPSED_HOURS',
      due_status: 'DUE',
      paused: false,
      revision: 0,
    });
    expect(new Date(r.repair_due_at as string).toISOString()).toBe('2026-03-05T08:00:00.000Z');
    const serialised = JSON.stringify(r);
    for (const value of personal) expect(serialised).not.toContain(value);
    const { rows } = await db.query<{ row: string }>(
      `SELECT e::text AS row FROM ${schema}.events e WHERE stream = $1`,
      [faultStream(id)],
    );
    for (const value of personal) expect(rows[0].row).not.toContain(value);
  });

  it('CAL-8: a running pause marks the row paused with no deadline; the resume moves the deadline', async () => {
    clock.set('2026-03-11T13:00:00+01:00');
    const id = await report(FASTWEB_FAULTS, '2026-03-10T10:00:00+01:00');
    const pauseId = uuidv7();
    await run(id, {
      type: 'PauseRepairClock',
      policy: FASTWEB_FAULTS,
      pauseId,
      kind: 'WAITING_ON_CUSTOMER',
      reason: 'Il portinaio non apre',
      evidenceRef: null,
      from: '2026-03-11T12:00:00+01:00',
      to: null,
      approval: null,
    });
    expect(await row(id)).toMatchObject({
      paused: true,
      repair_due_at: null,
      due_status: 'SUSPENDED',
    });
    expect(
      (await queries.list({ paused: true }, clock.now())).items.map((f) => f.faultId),
    ).toContain(id);
    expect(JSON.stringify(await row(id))).not.toContain('portinaio');

    clock.set('2026-03-14T13:00:00+01:00');
    await run(id, { type: 'ResumeRepairClock', pauseId, resumedAt: '2026-03-14T12:00:00+01:00' });
    const resumed = await row(id);
    expect(resumed).toMatchObject({ paused: false, pause_count: 1, due_status: 'DUE' });
    expect(new Date(resumed.repair_due_at as string).toISOString()).toBe(
      '2026-03-16T09:00:00.000Z',
    );
  });

  it('given a late restoration and a closure, then a breach with its indemnity; overdue and breach filters agree', async () => {
    clock.set('2026-03-06T10:00:00+01:00');
    const id = await report(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00');
    await runner.caughtUp();
    const [summary] = (await queries.list({ reference: `GU-2026-${id.slice(-8)}` }, clock.now()))
      .items;
    expect(summary).toMatchObject({ deadlineMissed: true, overdue: true, status: 'open' });
    expect(
      (await queries.list({ overdue: true }, clock.now())).items.map((f) => f.faultId),
    ).toContain(id);

    clock.set('2026-03-08T11:00:00+01:00');
    await run(id, { type: 'RestoreService', restoredAt: '2026-03-08T10:00:00+01:00' });
    await run(id, {
      type: 'CloseFault',
      policy: FASTWEB_FAULTS,
      outcome: 'repaired',
      finding: null,
    });
    const closed = await row(id);
    expect(closed).toMatchObject({
      status: 'closed',
      restored_on_time: false,
      delay_days: 4,
      indemnity_type: 'REPAIR_DELAY',
      indemnity_status: 'due',
      indemnity_cents: 2000,
      outcome: 'repaired',
    });
    const breaches = await queries.list({ breached: true }, clock.now());
    expect(breaches.items.map((f) => f.faultId)).toContain(id);
    expect(
      (await queries.list({ overdue: true }, clock.now())).items.map((f) => f.faultId),
    ).not.toContain(id);
  });

  it('FLT-9: a fault linked to an outage is in the per-outage view and counted on the outage', async () => {
    clock.set('2026-09-14T10:00:00+02:00');
    const a = await report(PSA_FAULTS, '2026-09-14T08:00:00+02:00');
    const b = await report(PSA_FAULTS, '2026-09-14T08:30:00+02:00');
    const outageId = uuidv7();
    await commands.handle(outageDecider, {
      stream: outageStream(outageId),
      command: {
        type: 'DeclareOutage',
        outageId,
        policy: PSA_FAULTS,
        kind: 'MASS_REPORTS',
        area: { description: 'Torino nord', municipalities: ['Torino'], postcodes: [] },
        startedAt: '2026-09-14T07:30:00+02:00',
        endedAt: null,
        forceMajeure: null,
        announcedResolutionDate: null,
        reasons: [],
        faults: [],
      },
      actor: supervisor,
      correlationId: 'corr',
    });
    for (const id of [a, b]) await run(id, { type: 'LinkFaultToIncident', incidentId: outageId });
    await runner.caughtUp();
    const page = await queries.list({ incidentId: outageId, limit: 1 }, clock.now());
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ faultId: a, incidents: [outageId] });
    const next = await queries.list(
      { incidentId: outageId, limit: 1, cursor: page.nextCursor! },
      clock.now(),
    );
    expect(next.items.map((f) => f.faultId)).toEqual([b]);
    expect(next.nextCursor).toBeNull();
    expect(await queries.outage(outageId, clock.now())).toMatchObject({
      kind: 'MASS_REPORTS',
      area: { description: 'Torino nord', municipalities: ['Torino'] },
      faults: { linked: 2, open: 2, overdue: 0 },
    });
  });

  it('refuses a cursor it did not issue, naming the field', async () => {
    await expect(queries.list({ cursor: 'bogus' }, clock.now())).rejects.toMatchObject({
      problem: { slug: 'validation-failed', extensions: { errors: [{ field: 'cursor' }] } },
    });
  });
});
