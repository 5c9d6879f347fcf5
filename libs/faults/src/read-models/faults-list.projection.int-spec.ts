import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import {
  CommandHandler,
  ProjectionRunner,
  ProjectionTables,
  RecordedEvent,
  liveTables,
} from '@sportello/eventstore';
import { rowsAppliedEveryWay } from '@sportello/eventstore/testing/apply-every-way';
import { FaultQueries } from '../application/queries/fault-queries';
import { faultStream, outageStream } from '../application/fault-streams';
import { FaultCommand } from '../domain/fault.commands';
import { FaultReported } from '../domain/fault.events';
import { OutageCommand } from '../domain/outage.commands';
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

  it('given interleaved faults and outages, then one event at a time, batches of any size, opened or sealed, live and rebuilt give the same rows', async () => {
    const FW = { ...FASTWEB_FAULTS, reopenWindowDays: 30 };
    const pause = (from: string, to: string | null, approval: { reason: string } | null = null) =>
      ({
        type: 'PauseRepairClock',
        policy: FW,
        pauseId: uuidv7(),
        kind: 'WAITING_ON_CUSTOMER',
        reason: 'Il portinaio non apre',
        evidenceRef: null,
        from,
        to,
        approval,
      }) as const;
    const outage = (outageId: string, command: OutageCommand) =>
      commands.handle(outageDecider, {
        stream: outageStream(outageId),
        command,
        actor: supervisor,
        correlationId: 'corr',
      });

    clock.set('2026-10-05T08:00:00Z');
    const f1 = await report(FW, '2026-10-05T07:00:00Z');
    const f2 = await report(PSA_FAULTS, '2026-10-05T07:10:00Z');
    const f3 = await report(FW, '2026-10-05T07:20:00Z');
    const f4 = await report(PSA_FAULTS, '2026-10-05T07:30:00Z');
    const o1 = uuidv7();
    await outage(o1, {
      type: 'DeclareOutage',
      outageId: o1,
      policy: PSA_FAULTS,
      kind: 'MASS_REPORTS',
      area: {
        description: 'Torino nord',
        municipalities: ['Torino', 'Settimo T.se'],
        postcodes: [],
      },
      startedAt: '2026-10-05T06:00:00Z',
      endedAt: null,
      forceMajeure: null,
      announcedResolutionDate: null,
      reasons: [],
      faults: [{ faultId: f2, operator: 'PSA' }],
    });
    await run(f2, { type: 'LinkFaultToIncident', incidentId: o1 });
    await run(f1, { ...pause('2026-10-05T07:30:00Z', null), policy: FW });
    await run(f3, {
      type: 'RecordRemoteIntervention',
      interventionId: uuidv7(),
      performedAt: '2026-10-05T07:45:00Z',
      outcome: 'not_resolved',
      notes: 'Nessuna connessione dopo il reset',
    });
    await run(f3, pause('2026-10-05T07:50:00Z', null));

    clock.set('2026-10-06T10:00:00Z');
    // A closed pause beside the running one: still paused since the running one began.
    await run(f3, pause('2026-10-05T07:25:00Z', '2026-10-05T07:40:00Z'));
    expect(await row(f3)).toMatchObject({ paused: true, pause_count: 2 });
    expect((await row(f3)).paused_since).toEqual(new Date('2026-10-05T07:50:00Z'));
    await run(f1, {
      type: 'ResumeRepairClock',
      pauseId: await runningPause(f1),
      resumedAt: '2026-10-06T09:00:00Z',
    });
    await run(f3, {
      type: 'ResumeRepairClock',
      pauseId: await runningPause(f3),
      resumedAt: '2026-10-06T09:30:00Z',
    });
    const o2 = uuidv7();
    const forceMajeure = { from: '2026-10-05', endedOn: null, evidenceRef: 'ARPA-2026-118' };
    await outage(o2, {
      type: 'DeclareOutage',
      outageId: o2,
      policy: PSA_FAULTS,
      kind: 'EXCEPTIONAL_WIDESPREAD',
      area: { description: 'Val Susa', municipalities: ['Susa'], postcodes: ['10059'] },
      startedAt: '2026-10-04T22:00:00Z',
      endedAt: null,
      forceMajeure,
      announcedResolutionDate: '2026-10-12',
      reasons: ['Alluvione'],
      faults: [],
    });
    await run(
      f4,
      {
        type: 'MarkFaultComplex',
        policy: PSA_FAULTS,
        complexity: 'EXCEPTIONAL_WIDESPREAD',
        reasons: ['Alluvione in Val Susa'],
        forceMajeure,
        announcedResolutionDate: '2026-10-12',
      },
      supervisor,
    );
    await run(f4, { type: 'LinkFaultToIncident', incidentId: o2 });
    await outage(o2, { type: 'LinkFaultsToOutage', faults: [{ faultId: f4, operator: 'PSA' }] });
    const visitId = uuidv7();
    await run(f2, {
      type: 'ScheduleTechnicianVisit',
      policy: PSA_FAULTS,
      visitId,
      scheduledFor: '2026-10-07T08:00:00Z',
    });

    clock.set('2026-10-07T12:00:00Z');
    await run(f2, {
      type: 'RecordTechnicianVisit',
      policy: PSA_FAULTS,
      visitId,
      visitedAt: '2026-10-07T08:30:00Z',
      badgeId: 'B-1',
      outcome: 'not_resolved',
      notes: 'Centralina da sostituire',
      onSitePayment: null,
      interventionCostCents: null,
    });
    await run(f1, pause('2026-10-06T12:00:00Z', '2026-10-06T14:00:00Z'));
    await run(f1, { type: 'RestoreService', restoredAt: '2026-10-07T11:00:00Z' });
    await run(f1, { type: 'CloseFault', policy: FW, outcome: 'repaired', finding: null });
    await run(
      f3,
      {
        type: 'MarkFaultComplex',
        policy: FW,
        complexity: 'COMPLEX',
        reasons: ['Tratta in fibra danneggiata'],
        forceMajeure: null,
        announcedResolutionDate: null,
      },
      supervisor,
    );
    await outage(o2, { type: 'UpdateOutage', forceMajeureEndedOn: '2026-10-07' });
    await run(f4, {
      type: 'UpdateExceptionalFault',
      forceMajeureEndedOn: '2026-10-07',
      announcedResolutionDate: null,
    });

    clock.set('2026-10-09T12:00:00Z');
    await run(f1, { type: 'ReopenFault', policy: FW, reason: 'Di nuovo senza linea' });
    await outage(o1, { type: 'UpdateOutage', endedAt: '2026-10-09T10:00:00Z' });

    clock.set('2026-10-12T09:00:00Z');
    const f2Due = (await store.readStream(faultStream(f2)))[0] as RecordedEvent & FaultReported;
    await run(f2, { type: 'RecordRepairDeadlineMissed', repairDueAt: f2Due.data.repairDueAt! });
    await run(
      f2,
      {
        ...pause('2026-10-12T08:00:00Z', null, { reason: 'Cliente irreperibile' }),
        policy: PSA_FAULTS,
      },
      supervisor,
    );
    await run(f3, { type: 'RestoreService', restoredAt: '2026-10-12T08:00:00Z' });
    await run(f3, { type: 'CloseFault', policy: FW, outcome: 'repaired', finding: null });
    await run(
      f3,
      { type: 'ReviewComplexFaultIndemnity', decision: 'approved', reason: 'Ritardo documentato' },
      supervisor,
    );
    await run(f4, { type: 'RestoreService', restoredAt: '2026-10-12T07:00:00Z' });
    await run(f4, { type: 'CloseFault', policy: PSA_FAULTS, outcome: 'repaired', finding: null });

    clock.set('2026-10-22T09:00:00Z');
    await run(f1, { type: 'RestoreService', restoredAt: '2026-10-22T08:00:00Z' });
    await run(f1, { type: 'CloseFault', policy: FW, outcome: 'repaired', finding: null });
    await run(f2, { type: 'RestoreService', restoredAt: '2026-10-22T08:30:00Z' });
    await run(f2, {
      type: 'CloseFault',
      policy: PSA_FAULTS,
      outcome: 'out_of_scope',
      finding: 'Guasto nella borchia del cliente',
    });
    // A notice sent to the customer is on the fault's stream but not in its row.
    await store.append(
      faultStream(f1),
      [
        {
          type: 'CustomerNotified',
          data: {
            notificationId: uuidv7(),
            subjectId: uuidv7(),
            template: 'fault-restored',
            channel: 'sms',
            contact: { subjectId: uuidv7(), field: 'phone' },
            causationEventId: uuidv7(),
            sentAt: clock.now().toISOString(),
            providerMessageId: 'm-1',
          },
          metadata: {
            occurredAt: clock.now().toISOString(),
            actor: supervisor,
            correlationId: 'c',
          },
        },
      ],
      'any',
    );

    const live = liveTables(schema, faultsListProjection);
    await runner.caughtUp();
    const liveRows = await rowsOf(live);
    const types = new Set(
      (await store.readAllSealed({ maxCount: 10_000 })).events.map((e) => e.type),
    );
    for (const type of [
      'FaultReported',
      'RepairClockPaused',
      'RepairClockResumed',
      'FaultMarkedComplex',
      'ExceptionalFaultUpdated',
      'FaultLinkedToIncident',
      'RepairDeadlineMissed',
      'RemoteInterventionRecorded',
      'TechnicianVisitScheduled',
      'TechnicianVisitDone',
      'LatePauseApproved',
      'ServiceRestored',
      'RepairIndemnityAssessed',
      'SupplementaryIndemnityAssessmentRequested',
      'ComplexFaultIndemnityReviewed',
      'FaultClosed',
      'FaultReopened',
      'CustomerNotified',
      'OutageDeclared',
      'OutageFaultsLinked',
      'OutageUpdated',
    ])
      expect(types).toContain(type);

    const byId = (id: string) => liveRows.faults.find((r) => r.fault_id === id);
    expect(byId(f1)).toMatchObject({
      status: 'closed',
      pause_count: 2,
      paused: false,
      paused_since: null,
      reopen_count: 1,
      indemnity_type: 'REPAIR_DELAY',
      indemnity_status: 'due',
      restored_on_time: false,
    });
    expect(byId(f2)).toMatchObject({
      status: 'closed',
      outcome: 'out_of_scope',
      pause_count: 1,
      paused: false,
      indemnity_type: null,
    });
    expect(byId(f2)?.missed_due_at).not.toBeNull();
    expect(byId(f3)).toMatchObject({
      regime: 'COMPLEX_UNDER_REVIEW',
      indemnity_status: 'approved',
      pause_count: 2,
    });
    expect(byId(f4)).toMatchObject({
      regime: 'EXCEPTIONAL_WIDESPREAD',
      indemnity_type: 'EXCEPTIONAL_FAULT',
    });
    expect(liveRows.fault_incident_links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ incident_id: o1, fault_id: f2 }),
        expect.objectContaining({ incident_id: o2, fault_id: f4 }),
      ]),
    );
    expect(liveRows.outages.find((r) => r.outage_id === o2)).toMatchObject({
      force_majeure_from: new Date(2026, 9, 5),
      force_majeure_ended_on: new Date(2026, 9, 7),
      announced_resolution_date: new Date(2026, 9, 12),
      revision: 2,
    });
    expect(liveRows.outages.find((r) => r.outage_id === o1)).toMatchObject({ revision: 2 });
    expect(liveRows.outages.find((r) => r.outage_id === o1)?.ended_at).toEqual(
      new Date('2026-10-09T10:00:00Z'),
    );

    // The whole log, read as the runner reads it (sealed), plus a report and a link seen twice
    // (the first ones stay) and events of a fault and an outage never created (no row appears).
    const sealed = (await store.readAllSealed({ maxCount: 10_000 })).events;
    const reported = sealed.find((e) => e.type === 'FaultReported')!;
    const resumed = sealed.find((e) => e.type === 'RepairClockResumed')!;
    const updated = sealed.find((e) => e.type === 'OutageUpdated')!;
    const linked = sealed.find((e) => e.type === 'FaultLinkedToIncident')!;
    const later = { ...reported.metadata, recordedAt: '2026-12-01T00:00:00.000Z' };
    const events: RecordedEvent[] = [
      ...sealed,
      {
        ...reported,
        revision: 99,
        metadata: later,
        data: { ...(reported.data as object), service: 'voice' },
      },
      { ...resumed, data: { ...(resumed.data as object), faultId: uuidv7() } },
      { ...updated, data: { ...(updated.data as object), outageId: uuidv7() } },
      { ...linked, metadata: { ...linked.metadata, occurredAt: '2026-12-01T00:00:00.000Z' } },
    ];

    const ways = await rowsAppliedEveryWay(
      db,
      schema,
      faultsListProjection,
      { sealed: events, opened: (await store.readAll({ maxCount: 10_000 })).events },
      rowsOf,
    );
    for (const rows of Object.values(ways)) expect(rows).toEqual(liveRows);

    const comparison = await runner.compare();
    expect(comparison.differenceCount).toBe(0);
    await runner.rebuild();
    expect(await rowsOf(live)).toEqual(liveRows);
  });
});

/** The pause of a fault that is still running, read from its stream. */
async function runningPause(faultId: string): Promise<string> {
  const events = await store.readStream(faultStream(faultId));
  const paused = events
    .filter((e) => e.type === 'RepairClockPaused')
    .map((e) => (e.data as { pause: { pauseId: string; to: string | null } }).pause);
  const resumed = new Set(
    events
      .filter((e) => e.type === 'RepairClockResumed')
      .map((e) => (e.data as { pauseId: string }).pauseId),
  );
  return paused.find((p) => p.to === null && !resumed.has(p.pauseId))!.pauseId;
}

/** Every row of the projection's tables, in key order. */
async function rowsOf(t: ProjectionTables) {
  const select = async (table: string, order: string) =>
    (await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
  return {
    faults: await select(t.faults, 'fault_id'),
    fault_incident_links: await select(t.fault_incident_links, 'incident_id, fault_id'),
    outages: await select(t.outages, 'outage_id'),
  };
}
