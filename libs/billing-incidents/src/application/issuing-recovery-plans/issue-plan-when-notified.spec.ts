import { TestClock } from '@sportello/clock';
import {
  CommandHandler,
  EventSchemaRegistry,
  InMemoryEventStorage,
  InMemoryKeyVault,
  PersonalDataSealer,
  SealingEventStore,
} from '@sportello/eventstore';
import { billingIncidentStreamSchemas } from '../../billing-incidents.schemas';
import { BillingRecoveryEvent } from '../../domain/billing-recovery.events';
import { addAs27Customer } from '../../testing/billing-incident-fixtures';
import { WINDTRE_INCIDENT } from '../../testing/windtre-policy.fixture';
import { BillingIncidentPolicies } from '../billing-incident-policies.port';
import { billingRecoveryStream } from '../billing-incident-streams';
import { issuePlanWhenNotified } from './issue-plan-when-notified';

const recoveryId = '01a20386-0000-7000-8000-0000000000b1';
const stream = billingRecoveryStream(recoveryId);
const meta = {
  occurredAt: '2026-05-05T08:00:00Z',
  actor: { id: 'sup-1', role: 'supervisor' },
  correlationId: 'c-1',
};
const policies: BillingIncidentPolicies = {
  operatorKnown: () => true,
  inForce: () => WINDTRE_INCIDENT,
  byVersion: (v) => (v === WINDTRE_INCIDENT.version ? WINDTRE_INCIDENT : null),
};

function setUp() {
  const clock = new TestClock('2026-05-05T10:00:00Z');
  const store = new SealingEventStore(
    new InMemoryEventStorage(),
    new EventSchemaRegistry().register(...billingIncidentStreamSchemas),
    new PersonalDataSealer(new InMemoryKeyVault()),
    clock,
  );
  const commands = new CommandHandler(store, clock);
  const warnings: string[] = [];
  const react = issuePlanWhenNotified(commands, policies, { warn: (m) => warnings.push(m) });
  return { store, react, warnings };
}

const notifiedByOutbox: BillingRecoveryEvent = {
  type: 'CustomerNotified',
  data: {
    notificationId: 'n-1',
    subjectId: 'sub-as27',
    template: 'billing-incident.notice',
    channel: 'sms',
    contact: { subjectId: 'sub-as27', field: 'phone' },
    causationEventId: 'e-1',
    sentAt: '2026-05-05T07:30:00.000Z',
    providerMessageId: null,
  },
};

describe('BIL-15, NTF-10 — the plan follows the notice, once', () => {
  it('given the outbox recorded the SMS, then the plan is issued once however often the notice is seen', async () => {
    const { store, react } = setUp();
    const added = addAs27Customer(recoveryId, 'i-1');
    await store.append(
      stream,
      [
        {
          type: 'AffectedCustomerAdded',
          data: {
            recoveryId,
            incidentId: 'i-1',
            operator: 'WINDTRE',
            policyVersion: WINDTRE_INCIDENT.version,
            customer: added.customer,
            service: added.incident.service,
            missed: ['2026-02', '2026-03', '2026-04'].map((period) => ({
              period,
              amountCents: 999,
            })),
            arrearsCents: 2997,
            currency: 'EUR',
            noticeBy: 'system',
          },
          metadata: meta,
        },
        { ...notifiedByOutbox, metadata: meta },
      ],
      'no_stream',
    );
    const [, notice] = await store.readStream(stream);
    await react(notice);
    await react(notice);
    const types = (await store.readStream(stream)).map((e) => e.type);
    expect(types).toEqual([
      'AffectedCustomerAdded',
      'CustomerNotified',
      'RegularChargesResumed',
      'RecoveryPlanIssued',
    ]);
    const plan = (await store.readStream(stream))[3];
    expect(plan.metadata).toMatchObject({
      actor: { id: 'system:billing-recovery-planner', role: 'system' },
      causationId: notice.id,
      correlationId: 'c-1',
      policyVersion: 'WINDTRE@incident-2026',
      subjectIds: ['sub-as27'],
    });
  });

  it('ignores other templates and other streams, and logs a refusal by ids and rule without stopping', async () => {
    const { store, react, warnings } = setUp();
    await store.append(
      'complaint-01a20386-0000-7000-8000-0000000000c1',
      [{ ...notifiedByOutbox, metadata: meta }],
      'no_stream',
    );
    const [elsewhere] = await store.readStream('complaint-01a20386-0000-7000-8000-0000000000c1');
    await expect(react(elsewhere)).resolves.toBeUndefined();

    // A notice in a month still to be recovered cannot start a plan (BIL-15): logged, not thrown.
    const added = addAs27Customer(recoveryId, 'i-1');
    await store.append(
      stream,
      [
        {
          type: 'AffectedCustomerAdded',
          data: {
            recoveryId,
            incidentId: 'i-1',
            operator: 'WINDTRE',
            policyVersion: WINDTRE_INCIDENT.version,
            customer: added.customer,
            service: added.incident.service,
            missed: [{ period: '2026-05', amountCents: 999 }],
            arrearsCents: 999,
            currency: 'EUR',
            noticeBy: 'system',
          },
          metadata: meta,
        },
        { ...notifiedByOutbox, metadata: meta },
      ],
      'no_stream',
    );
    const [, notice] = await store.readStream(stream);
    await expect(react(notice)).resolves.toBeUndefined();
    expect(warnings).toEqual([
      expect.stringContaining(`Recovery ${recoveryId}: no plan issued (BIL-15)`),
    ]);
    expect(warnings.join()).not.toMatch(/Lucia|7654321/);
  });
});
