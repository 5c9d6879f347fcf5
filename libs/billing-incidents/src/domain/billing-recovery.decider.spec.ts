import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { WINDTRE_INCIDENT } from '../testing/windtre-policy.fixture';
import { AddAffectedCustomer, IncidentFacts } from './billing-recovery.commands';
import { billingRecoveryDecider } from './billing-recovery.decider';
import {
  BillingRecoveryEvent,
  RecoveryPlanIssued,
  RecoveryNoticeRequested,
} from './billing-recovery.events';

const supervisor = { id: 'sup-1', roles: ['supervisor'] };
const spec = (now: string) => deciderSpec(billingRecoveryDecider, { now, actor: supervisor });

const incident: IncidentFacts = {
  incidentId: 'i-1',
  operator: 'WINDTRE',
  policyVersion: 'WINDTRE@incident-2026',
  service: { name: 'Easy Pay', monthlyFeeCents: 999, currency: 'EUR' },
  cause: 'Interruzione tecnica del sistema di fatturazione',
  periods: ['2026-02', '2026-03', '2026-04'],
};

function add(overrides: Partial<AddAffectedCustomer> = {}): AddAffectedCustomer {
  return {
    type: 'AddAffectedCustomer',
    recoveryId: 'r-1',
    incident,
    policy: WINDTRE_INCIDENT,
    customer: {
      subjectId: 's-1',
      customerType: 'residential',
      name: 'Lucia Ferri',
      phone: '+39 320 0000000',
      lineId: 'WT-3200000000',
    },
    periods: null,
    monthlyFeeCents: null,
    noticeBy: 'outside_system',
    ...overrides,
  };
}

const decide = (
  history: BillingRecoveryEvent[],
  command: Parameters<typeof billingRecoveryDecider.decide>[0],
  now: string,
) => {
  let state = billingRecoveryDecider.initialState();
  for (const e of history) state = billingRecoveryDecider.evolve(state, e);
  return billingRecoveryDecider.decide(command, state, { now, actor: supervisor });
};

const added = decide([], add(), '2026-05-04T12:00:00Z');
const smsOn5May = decide(
  added,
  { type: 'RecordManualNotice', sentAt: '2026-05-05T10:00:00+02:00', smsReference: 'SMS-1' },
  '2026-05-05T12:00:00Z',
);
const notified = [...added, ...smsOn5May];
const planned = [
  ...notified,
  ...decide(
    notified,
    { type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT },
    '2026-05-05T12:00:00Z',
  ),
];
const bill = (chargeId: string, billedOn: string, invoiceNumber = `F-${billedOn}`) => ({
  type: 'RecordRecoveryChargeBilled' as const,
  chargeId,
  invoiceNumber,
  billedOn,
});

describe('billing recoveries', () => {
  describe('BIL-15, NTF-10 — adding an affected customer', () => {
    it('given a declared incident, when a customer is added for the system to notify, then the SMS notice is requested', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(add({ noticeBy: 'system' }))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual([
            'AffectedCustomerAdded',
            'RecoveryNoticeRequested',
          ]);
          expect(events[0].data).toMatchObject({
            arrearsCents: 2997,
            missed: [
              { period: '2026-02', amountCents: 999 },
              { period: '2026-03', amountCents: 999 },
              { period: '2026-04', amountCents: 999 },
            ],
          });
          expect((events[1] as RecoveryNoticeRequested).data).toMatchObject({
            subjectId: 's-1',
            template: 'billing-incident.notice',
            channel: 'sms',
            recoveryStepDays: 30,
            arrearsCents: 2997,
          });
          expect(JSON.stringify(events[1].data)).not.toMatch(/Lucia|320/);
        });
    });

    it('when the SMS was sent outside the system, nothing is requested from the outbox', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(add())
        .then((events) => expect(events.map((e) => e.type)).toEqual(['AffectedCustomerAdded']));
    });

    it('refuses periods the incident does not cover, and a customer added twice', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(add({ periods: ['2026-01'] }))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'periods', period: '2026-01' } });
      spec('2026-05-04T12:00:00Z')
        .given(added)
        .when(add())
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('NTF-10 — no recovery before the SMS notice', () => {
    it('given a customer not yet notified, when the plan is asked for, then it is refused (NTF-10)', () => {
      spec('2026-05-05T12:00:00Z')
        .given(added)
        .when({ type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT })
        .thenRefuses({ ruleId: 'NTF-10', kind: 'rule_violation' });
    });

    it('given a customer not yet notified, when a recovery charge is billed, then it is refused (NTF-10)', () => {
      spec('2026-06-05T12:00:00Z')
        .given(added)
        .when(bill('r-1:2026-02', '2026-06-05'))
        .thenRefuses({ ruleId: 'NTF-10' });
    });

    it('given the outbox recorded the billing-incident SMS, then the plan is issued from its date', () => {
      const notifiedByOutbox: BillingRecoveryEvent = {
        type: 'CustomerNotified',
        data: {
          notificationId: 'n-1',
          subjectId: 's-1',
          template: 'billing-incident.notice',
          channel: 'sms',
          contact: { subjectId: 's-1', field: 'phone' },
          causationEventId: 'e-1',
          sentAt: '2026-05-05T08:30:00.000Z',
          providerMessageId: 'gw-77',
        },
      };
      spec('2026-05-05T12:00:00Z')
        .given([...added, notifiedByOutbox])
        .when({ type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT })
        .then((events) =>
          expect((events[1] as RecoveryPlanIssued).data).toMatchObject({
            notice: { source: 'system', sentAt: '2026-05-05T08:30:00.000Z', reference: 'gw-77' },
            noticeOn: '2026-05-05',
          }),
        );
    });

    it('another template or channel is not the NTF-10 notice', () => {
      const other: BillingRecoveryEvent = {
        type: 'CustomerNotified',
        data: {
          notificationId: 'n-2',
          subjectId: 's-1',
          template: 'complaint.filed',
          channel: 'sms',
          contact: { subjectId: 's-1', field: 'phone' },
          causationEventId: 'e-2',
          sentAt: '2026-05-05T08:30:00.000Z',
          providerMessageId: null,
        },
      };
      spec('2026-05-05T12:00:00Z')
        .given([...added, other])
        .when({ type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT })
        .thenRefuses({ ruleId: 'NTF-10' });
    });

    it('refuses a manual notice in the future, or in a month still to be recovered (BIL-15)', () => {
      spec('2026-05-05T07:00:00Z')
        .given(added)
        .when({
          type: 'RecordManualNotice',
          sentAt: '2026-05-05T10:00:00+02:00',
          smsReference: 'X',
        })
        .thenRefuses({ ruleId: 'NTF-10', details: { field: 'sentAt' } });
      spec('2026-05-05T12:00:00Z')
        .given(added)
        .when({
          type: 'RecordManualNotice',
          sentAt: '2026-04-30T10:00:00+02:00',
          smsReference: 'X',
        })
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'sentAt', period: '2026-04' } });
    });

    it('the first notice fixes the schedule: the same one again changes nothing, another is refused', () => {
      spec('2026-05-06T12:00:00Z')
        .given(notified)
        .when({
          type: 'RecordManualNotice',
          sentAt: '2026-05-05T10:00:00+02:00',
          smsReference: 'SMS-1',
        })
        .then([]);
      spec('2026-05-06T12:00:00Z')
        .given(notified)
        .when({
          type: 'RecordManualNotice',
          sentAt: '2026-05-06T10:00:00+02:00',
          smsReference: 'SMS-2',
        })
        .thenRefuses({ kind: 'conflicting_state', ruleId: 'NTF-10' });
    });
  });

  describe('BIL-15, AMB-28 — the recovery plan (AS-27)', () => {
    it('given €9.99 missed Feb–Apr 2026 and the SMS on 2026-05-05, then May is charged normally and €9.99 is recovered on 06-05, 07-05, 08-04', () => {
      spec('2026-05-05T12:00:00Z')
        .given(notified)
        .when({ type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT })
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual([
            'RegularChargesResumed',
            'RecoveryPlanIssued',
          ]);
          expect(events[0].data).toEqual({
            recoveryId: 'r-1',
            subjectId: 's-1',
            from: '2026-05',
            monthlyFeeCents: 999,
            currency: 'EUR',
          });
          const plan = (events[1] as RecoveryPlanIssued).data;
          expect(plan).toMatchObject({
            noticeOn: '2026-05-05',
            regularChargesResumeFrom: '2026-05',
            arrearsCents: 2997,
            recoverableCents: 2997,
            notice: { source: 'outside_system', reference: 'SMS-1' },
          });
          expect(
            plan.charges.map((c) => [c.chargeId, c.dueOn, c.amountCents, c.recovers, c.label]),
          ).toEqual([
            ['r-1:2026-02', '2026-06-05', 999, '2026-02', 'Recupero canone Easy Pay febbraio 2026'],
            ['r-1:2026-03', '2026-07-05', 999, '2026-03', 'Recupero canone Easy Pay marzo 2026'],
            ['r-1:2026-04', '2026-08-04', 999, '2026-04', 'Recupero canone Easy Pay aprile 2026'],
          ]);
        });
    });

    it('issuing the plan again changes nothing (the reactor may see the notice twice)', () => {
      spec('2026-05-06T12:00:00Z')
        .given(planned)
        .when({ type: 'IssueRecoveryPlan', policy: WINDTRE_INCIDENT })
        .then([]);
    });

    it('AMB-28: a recovery charge billed before its step date is refused; on the date it is recorded', () => {
      spec('2026-06-10T12:00:00Z')
        .given(planned)
        .when(bill('r-1:2026-03', '2026-06-05'))
        .thenRefuses({ ruleId: 'AMB-28', details: { field: 'billedOn', dueOn: '2026-07-05' } });
      spec('2026-06-10T12:00:00Z')
        .given(planned)
        .when(bill('r-1:2026-02', '2026-06-05', 'WT-2026-0601'))
        .then([
          {
            type: 'RecoveryChargeBilled',
            data: {
              recoveryId: 'r-1',
              subjectId: 's-1',
              chargeId: 'r-1:2026-02',
              recovers: '2026-02',
              amountCents: 999,
              currency: 'EUR',
              invoiceNumber: 'WT-2026-0601',
              billedOn: '2026-06-05',
            },
          },
        ]);
    });

    it('refuses an unknown charge, a billing date in the future, and a charge billed twice on another invoice', () => {
      spec('2026-06-10T12:00:00Z')
        .given(planned)
        .when(bill('r-1:2026-05', '2026-06-05'))
        .thenRefuses({ kind: 'not_found' });
      spec('2026-06-04T12:00:00Z')
        .given(planned)
        .when(bill('r-1:2026-02', '2026-06-05'))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'billedOn' } });
      const once = [
        ...planned,
        ...decide(planned, bill('r-1:2026-02', '2026-06-05', 'A'), '2026-06-10T12:00:00Z'),
      ];
      spec('2026-06-10T12:00:00Z')
        .given(once)
        .when(bill('r-1:2026-02', '2026-06-05', 'A'))
        .then([]);
      spec('2026-06-10T12:00:00Z')
        .given(once)
        .when(bill('r-1:2026-02', '2026-06-05', 'B'))
        .thenRefuses({ kind: 'conflicting_state' });
    });

    it('when the last charge is billed, the arrears are settled', () => {
      let history = planned;
      for (const [id, on] of [
        ['r-1:2026-02', '2026-06-05'],
        ['r-1:2026-03', '2026-07-05'],
      ])
        history = [...history, ...decide(history, bill(id, on), '2026-08-10T12:00:00Z')];
      spec('2026-08-10T12:00:00Z')
        .given(history)
        .when(bill('r-1:2026-04', '2026-08-04'))
        .then((events) =>
          expect(events.map((e) => [e.type, e.data])).toEqual([
            ['RecoveryChargeBilled', expect.objectContaining({ chargeId: 'r-1:2026-04' })],
            [
              'BillingRecoverySettled',
              {
                recoveryId: 'r-1',
                subjectId: 's-1',
                recoveredCents: 2997,
                prescribedCents: 0,
                currency: 'EUR',
                settledOn: '2026-08-04',
              },
            ],
          ]),
        );
    });
  });
});
