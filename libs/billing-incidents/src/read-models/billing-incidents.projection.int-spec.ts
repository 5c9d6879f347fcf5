import { TestClock } from '@sportello/clock';
import { ProjectionRunner } from '@sportello/eventstore';
import { billingIncidentDecider } from '../domain/billing-incident.decider';
import { BillingRecoveryEvent } from '../domain/billing-recovery.events';
import { addAs27Customer, recoveryHistory } from '../testing/billing-incident-fixtures';
import { billingIncidentStoreOnPostgres } from '../testing/billing-incident-store';
import { WINDTRE_INCIDENT } from '../testing/windtre-policy.fixture';
import { billingIncidentsProjection } from './billing-incidents.projection';

const clock = new TestClock('2026-08-10T12:00:00Z');
const { db, schema, storage, store, dispose } = billingIncidentStoreOnPostgres(
  'billing_incidents_rm',
  clock,
);
const runner = new ProjectionRunner(db, store, billingIncidentsProjection, {
  schema,
  idleMs: 20,
});

beforeAll(async () => {
  await storage.init();
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const incidentId = '01a20386-0000-7000-8000-0000000000a1';
const recoveryId = '01a20386-0000-7000-8000-0000000000b1';
const meta = {
  occurredAt: '2026-05-04T08:00:00Z',
  actor: { id: 'sup-1', role: 'supervisor' },
  correlationId: 'c',
};
const history = recoveryHistory([
  { command: addAs27Customer(recoveryId, incidentId), now: '2026-05-04T12:00:00Z' },
  {
    command: {
      type: 'RecordManualNotice',
      sentAt: '2026-05-05T10:00:00+02:00',
      smsReference: 'SMS-1',
    },
    now: '2026-05-05T12:00:00Z',
  },
  { command: { type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT }, now: '2026-05-05T12:00:00Z' },
]);
async function rows() {
  await runner.caughtUp();
  const incident = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.billing_incidents WHERE incident_id = $1`,
    [incidentId],
  );
  const recovery = await db.query<Record<string, unknown>>(
    `SELECT recovery_id::text, status, notice_by, arrears_cents, notice_at, regular_from, recoverable_cents,
            billed_cents, to_char(next_due_on, 'YYYY-MM-DD') AS next_due_on,
            to_char(settled_on, 'YYYY-MM-DD') AS settled_on, subject_id, revision, schedule
       FROM ${schema}.billing_recoveries WHERE recovery_id = $1`,
    [recoveryId],
  );
  return { incident: incident.rows[0], recovery: recovery.rows[0] };
}

describe('billing incidents read model', () => {
  it('given a declaration and an affected customer, then one incident row and one recovery awaiting the notice, without personal data', async () => {
    const declared = billingIncidentDecider.decide(
      {
        type: 'DeclareBillingIncident',
        incidentId,
        policy: WINDTRE_INCIDENT,
        serviceName: 'Easy Pay',
        monthlyFeeCents: 999,
        cause: 'Interruzione tecnica',
        periods: ['2026-02', '2026-03', '2026-04'],
        declaredAt: '2026-05-04T10:00:00+02:00',
      },
      { status: 'none' },
      { now: '2026-05-04T12:00:00Z', actor: { id: 'sup-1', roles: ['supervisor'] } },
    );
    await store.append(
      `billing-incident-${incidentId}`,
      declared.map((e) => ({ ...e, metadata: meta })),
      'no_stream',
    );
    await store.append(
      `billing-recovery-${recoveryId}`,
      history.slice(0, 1).map((e) => ({ ...e, metadata: meta })),
      'no_stream',
    );
    const { incident, recovery } = await rows();
    expect(incident).toMatchObject({
      operator: 'WINDTRE',
      policy_version: 'WINDTRE@incident-2026',
      periods: ['2026-02', '2026-03', '2026-04'],
      customers: 1,
    });
    expect(Number(incident.arrears_cents)).toBe(2997);
    expect(recovery).toMatchObject({
      status: 'awaiting_notice',
      notice_by: 'outside_system',
      arrears_cents: 2997,
      subject_id: 'sub-as27',
      next_due_on: null,
      revision: 0,
    });
    expect(JSON.stringify({ incident, recovery })).not.toMatch(/Lucia|7654321|WT-320/);
  });

  it('given the notice and the plan, then the recovery shows May resuming and the first step due 2026-06-05', async () => {
    await store.append(
      `billing-recovery-${recoveryId}`,
      history.slice(1).map((e) => ({ ...e, metadata: meta })),
      0,
    );
    const { recovery } = await rows();
    expect(recovery).toMatchObject({
      status: 'recovering',
      regular_from: '2026-05',
      recoverable_cents: 2997,
      billed_cents: 0,
      next_due_on: '2026-06-05',
      revision: 3,
    });
    expect((recovery.notice_at as Date).toISOString()).toBe('2026-05-05T08:00:00.000Z');
  });

  it('given each charge billed, then the next due date moves on and the last one settles it', async () => {
    let revision = 3;
    const billed = (
      period: string,
      billedOn: string,
      more: BillingRecoveryEvent[] = [],
    ): BillingRecoveryEvent[] => [
      {
        type: 'RecoveryChargeBilled',
        data: {
          recoveryId,
          subjectId: 'sub-as27',
          chargeId: `${recoveryId}:${period}`,
          recovers: period,
          amountCents: 999,
          currency: 'EUR',
          invoiceNumber: `WT-${billedOn}`,
          billedOn,
        },
      },
      ...more,
    ];
    await store.append(
      `billing-recovery-${recoveryId}`,
      billed('2026-02', '2026-06-05').map((e) => ({ ...e, metadata: meta })),
      revision++,
    );
    expect((await rows()).recovery).toMatchObject({ billed_cents: 999, next_due_on: '2026-07-05' });
    await store.append(
      `billing-recovery-${recoveryId}`,
      [
        ...billed('2026-03', '2026-07-05'),
        ...billed('2026-04', '2026-08-04', [
          {
            type: 'BillingRecoverySettled',
            data: {
              recoveryId,
              subjectId: 'sub-as27',
              recoveredCents: 2997,
              prescribedCents: 0,
              currency: 'EUR',
              settledOn: '2026-08-04',
            },
          },
        ]),
      ].map((e) => ({ ...e, metadata: meta })),
      revision,
    );
    expect((await rows()).recovery).toMatchObject({
      status: 'settled',
      billed_cents: 2997,
      next_due_on: null,
      settled_on: '2026-08-04',
      revision: 7,
    });
  });

  it('rebuilds to the same rows', async () => {
    const before = await rows();
    await runner.rebuild();
    expect(await rows()).toEqual(before);
  });
});
