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
import { activationStream } from '../application/activation-streams';
import { ActivationCommand } from '../domain/activation.commands';
import { activationDecider } from '../domain/activation.decider';
import { ActivationPolicy } from '../domain/activation.policy';
import { FASTWEB_ACTIVATIONS, PSA_ACTIVATIONS } from '../testing/activation-policies.fixture';
import { activationStoreOnPostgres } from '../testing/activation-store';
import { activationsListProjection } from './activations-list.projection';

const clock = new TestClock('2026-02-02T09:00:00Z');
const { db, schema, storage, store, dispose } = activationStoreOnPostgres('act_rm', clock);
const commands = new CommandHandler(store, clock);
const runner = new ProjectionRunner(db, store, activationsListProjection, { schema, idleMs: 20 });
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

const personal = ['Giulia Verdi', 'giulia.verdi@example.it', '0115551234', 'Via Roma 1'];

async function run(activationId: string, command: ActivationCommand, actor = operator) {
  await commands.handle(activationDecider, {
    stream: activationStream(activationId),
    command,
    actor,
    correlationId: 'corr',
  });
}

async function request(
  policy: ActivationPolicy,
  receivedAt: string,
  shape: Partial<Pick<ActivationCommand & { type: 'RequestActivation' }, 'services' | 'access'>> & {
    requestKind?: 'activation' | 'relocation';
    relocationFormTermDays?: number | null;
  } = {},
): Promise<string> {
  const activationId = uuidv7();
  await run(activationId, {
    type: 'RequestActivation',
    activationId,
    reference: `AT-2026-${activationId.slice(-8).toUpperCase()}`,
    policy,
    customer: {
      subjectId: uuidv7(),
      customerType: 'residential',
      name: 'Giulia Verdi',
      email: 'giulia.verdi@example.it',
    },
    requestKind: shape.requestKind ?? 'activation',
    services: shape.services ?? ['voice', 'broadband'],
    access: shape.access ?? null,
    lineId: '0115551234',
    address: 'Via Roma 1, Torino',
    channel: 'web_area',
    receivedAt,
    relocationFormTermDays: shape.relocationFormTermDays ?? null,
  });
  return activationId;
}

const pause = (
  policy: ActivationPolicy,
  from: string,
  to: string | null,
  approval: { reason: string } | null = null,
): ActivationCommand => ({
  type: 'PauseActivationClock',
  policy,
  pauseId: uuidv7(),
  kind: 'WAITING_ON_CUSTOMER',
  reason: 'La cliente non è in casa',
  evidenceRef: null,
  from,
  to,
  approval,
});

async function row(activationId: string) {
  await runner.caughtUp();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.activations WHERE activation_id = $1`,
    [activationId],
  );
  return rows[0];
}

/** Every row, in key order. */
async function rowsOf(t: ProjectionTables) {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${t.activations} ORDER BY activation_id`,
  );
  return rows;
}

/** The pause of a request that is still running, read from its stream. */
async function runningPause(activationId: string): Promise<string> {
  const events = await store.readStream(activationStream(activationId));
  const resumed = new Set(
    events
      .filter((e) => e.type === 'ActivationClockResumed')
      .map((e) => (e.data as { pauseId: string }).pauseId),
  );
  const running = events
    .filter((e) => e.type === 'ActivationClockPaused')
    .map((e) => (e.data as { pause: { pauseId: string; to: string | null } }).pause)
    .find((p) => p.to === null && !resumed.has(p.pauseId));
  if (!running) throw new Error(`No running pause on ${activationId}`);
  return running.pauseId;
}

describe('activations list projection', () => {
  it('given a request, then one row with its deadline and no personal data', async () => {
    const id = await request(FASTWEB_ACTIVATIONS, '2026-02-02T08:00:00Z');
    const r = await row(id);
    expect(r).toMatchObject({
      operator: 'FASTWEB',
      status: 'requested',
      request_kind: 'activation',
      services: ['voice', 'broadband'],
      access: null,
      due_status: 'DUE',
      paused: false,
      pause_count: 0,
      notice_count: 0,
      revision: 0,
    });
    for (const value of personal) expect(JSON.stringify(r)).not.toContain(value);
  });

  it('given interleaved requests, then one event at a time, batches of any size, opened or sealed, live and rebuilt give the same rows', async () => {
    const FW = FASTWEB_ACTIVATIONS;
    // Without the regulator's floor, PSA's contractual figure waits for a written report (IND-7).
    const PSA: ActivationPolicy = {
      ...PSA_ACTIVATIONS,
      indemnity: { ...PSA_ACTIVATIONS.indemnity, applyRegulatoryFloor: false },
    };

    clock.set('2026-02-02T09:00:00Z');
    const a1 = await request(FW, '2026-02-02T08:00:00Z');
    const a2 = await request(PSA, '2026-02-02T08:10:00Z', {
      services: ['broadband'],
      access: 'indirect',
    });
    const a3 = await request(FW, '2026-02-02T08:20:00Z', {
      requestKind: 'relocation',
      relocationFormTermDays: 20,
    });
    const a4 = await request(PSA, '2026-02-02T08:30:00Z', { services: ['voice'] });
    const a5 = await request(FW, '2026-02-02T08:40:00Z', { services: ['ultra_broadband'] });
    await run(a1, pause(FW, '2026-02-02T08:50:00Z', null));
    await run(a4, pause(PSA, '2026-02-02T08:45:00Z', null));
    expect(await row(a4)).toMatchObject({ paused: true, pause_count: 1 });
    await run(a4, {
      type: 'CancelActivationRequest',
      reason: 'revoked_by_customer',
      note: 'Giulia Verdi ci ha ripensato',
    });

    clock.set('2026-02-10T09:00:00Z');
    // A closed pause beside the running one: still paused since the running one began.
    await run(a1, pause(FW, '2026-02-02T08:05:00Z', '2026-02-02T08:25:00Z'));
    expect(await row(a1)).toMatchObject({ paused: true, pause_count: 2 });
    expect((await row(a1)).paused_since).toEqual(new Date('2026-02-02T08:50:00Z'));
    await run(a1, {
      type: 'ResumeActivationClock',
      pauseId: await runningPause(a1),
      resumedAt: '2026-02-09T10:00:00Z',
    });
    await run(a5, {
      type: 'RecordTechnicalCheck',
      policy: FW,
      outcome: 'negative',
      checkedAt: '2026-02-09T08:00:00Z',
      reason: 'Nessuna copertura in Via Roma 1',
    });
    await run(a2, {
      type: 'NotifyActivationDelay',
      policy: PSA,
      noticeId: uuidv7(),
      informedAt: '2026-02-10T08:00:00Z',
      channel: 'email',
      reason: 'Lavori sulla centrale',
      newActivationDate: '2026-04-10',
      agreedWithCustomer: true,
    });
    await run(a1, {
      type: 'RecordTechnicalCheck',
      policy: FW,
      outcome: 'positive',
      checkedAt: '2026-02-10T08:00:00Z',
      reason: null,
    });
    await run(a3, {
      type: 'NotifyActivationDelay',
      policy: FW,
      noticeId: uuidv7(),
      informedAt: '2026-02-10T08:30:00Z',
      channel: 'sms',
      reason: 'Permessi del condominio',
      // ACT-3: FASTWEB tells the date but the deadline and the indemnity stay (no exemption).
      newActivationDate: '2026-03-20',
      agreedWithCustomer: false,
    });

    await run(a3, pause(FW, '2026-02-03T09:00:00Z', '2026-02-05T09:00:00Z'));

    clock.set('2026-03-01T09:00:00Z');
    await run(a2, {
      type: 'NotifyActivationDelay',
      policy: PSA,
      noticeId: uuidv7(),
      informedAt: '2026-03-01T08:00:00Z',
      channel: 'web_area',
      reason: 'Ancora lavori sulla centrale',
      newActivationDate: '2026-04-20',
      agreedWithCustomer: false,
    });

    clock.set('2026-03-20T09:00:00Z');
    const a3Due = (await row(a3)).activation_due_at as Date;
    await run(a3, { type: 'RecordActivationDeadlineMissed', activationDueAt: a3Due.toISOString() });
    await run(
      a3,
      pause(FW, '2026-03-19T09:00:00Z', null, { reason: 'Cantiere fermo per ordinanza' }),
      supervisor,
    );
    await run(a1, { type: 'ActivateService', policy: FW, activatedAt: '2026-03-20T08:00:00Z' });

    clock.set('2026-04-25T09:00:00Z');
    await run(a3, { type: 'ActivateService', policy: FW, activatedAt: '2026-04-25T08:00:00Z' });
    await run(a2, { type: 'ActivateService', policy: PSA, activatedAt: '2026-04-25T08:00:00Z' });
    await run(a2, {
      type: 'RecordIndemnityClaim',
      policy: PSA,
      claimedAt: '2026-04-25T08:30:00Z',
      channel: 'registered_letter',
    });

    const live = liveTables(schema, activationsListProjection);
    await runner.caughtUp();
    const liveRows = await rowsOf(live);
    const sealed = (await store.readAllSealed({ maxCount: 10_000 })).events;
    const types = new Set(sealed.map((e) => e.type));
    for (const type of [
      'ActivationRequested',
      'TechnicalCheckRecorded',
      'ActivationLatePauseApproved',
      'ActivationClockPaused',
      'ActivationClockResumed',
      'ActivationDelayNotified',
      'ActivationDeadlineMissed',
      'ServiceActivated',
      'ActivationIndemnityAssessed',
      'ActivationSupplementaryIndemnityAssessmentRequested',
      'IndemnityClaimRecorded',
      'ActivationRequestCancelled',
    ])
      expect(types).toContain(type);

    const byId = (id: string) => liveRows.find((r) => r.activation_id === id);
    expect(byId(a1)).toMatchObject({
      status: 'activated',
      technical_check: 'positive',
      pause_count: 2,
      paused: false,
      paused_since: null,
    });
    expect(byId(a2)).toMatchObject({
      status: 'activated',
      access: 'indirect',
      notice_count: 2,
      announced_date: '2026-04-20',
      indemnity_status: 'due',
    });
    expect(byId(a3)).toMatchObject({
      status: 'activated',
      request_kind: 'relocation',
      notice_count: 1,
      announced_date: null,
      pause_count: 2,
      paused: false,
      on_time: false,
    });
    expect(byId(a3)?.missed_due_at).not.toBeNull();
    expect(byId(a4)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'revoked_by_customer',
      paused: false,
      paused_since: null,
      pause_count: 1,
    });
    expect(byId(a5)).toMatchObject({ status: 'not_feasible', technical_check: 'negative' });
    for (const value of [...personal, 'ripensato', 'copertura', 'centrale', 'ordinanza'])
      expect(JSON.stringify(liveRows)).not.toContain(value);

    // The whole log, read as the runner reads it (sealed), plus a request seen twice (the first
    // one stays), an event of a request never made (no row appears) and events the read model
    // ignores: another stream's, and a ledger line on the request's stream.
    const requested = sealed.find((e) => e.type === 'ActivationRequested')!;
    const notified = sealed.find((e) => e.type === 'ActivationDelayNotified')!;
    const events: RecordedEvent[] = [
      ...sealed,
      {
        ...requested,
        revision: 99,
        metadata: { ...requested.metadata, recordedAt: '2026-12-01T00:00:00.000Z' },
        data: { ...(requested.data as object), services: ['voice'] },
      },
      { ...notified, data: { ...(notified.data as object), activationId: uuidv7() } },
      { ...notified, stream: `fault-${uuidv7()}` },
      { ...notified, type: 'IndemnityAssessed' },
    ];

    const ways = await rowsAppliedEveryWay(
      db,
      schema,
      activationsListProjection,
      { sealed: events, opened: (await store.readAll({ maxCount: 10_000 })).events },
      rowsOf,
    );
    for (const rows of Object.values(ways)) expect(rows).toEqual(liveRows);

    expect((await runner.compare()).differenceCount).toBe(0);
    await runner.rebuild();
    expect(await rowsOf(live)).toEqual(liveRows);
  });
});
