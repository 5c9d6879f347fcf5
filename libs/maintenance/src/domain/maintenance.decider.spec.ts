import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_MAINTENANCE, PSA_MAINTENANCE } from '../testing/maintenance-policies.fixture';
import { MaintenanceCommand, RegisterMaintenanceWindow } from './maintenance.commands';
import { maintenanceDecider } from './maintenance.decider';
import { MaintenanceEvent } from './maintenance.events';
import { MaintenancePolicy } from './maintenance.policy';

const FASTWEB = FASTWEB_MAINTENANCE;
const PSA = PSA_MAINTENANCE;
type Actor = DecisionContext['actor'];
const operator: Actor = { id: 'op-1', roles: ['operator'] };
const spec = (now: string) => deciderSpec(maintenanceDecider, { now, actor: operator });

const START = '2026-05-11T01:00:00+02:00';
const END = '2026-05-11T05:00:00+02:00';

function register(
  policy: MaintenancePolicy,
  p: Partial<RegisterMaintenanceWindow> = {},
): RegisterMaintenanceWindow {
  return {
    type: 'RegisterMaintenanceWindow',
    windowId: 'w-1',
    reference: 'MW-2026-TEST0001',
    policy,
    kind: 'planned',
    area: 'Torino nord — centrale Barriera di Milano',
    affected: { kind: 'count', count: 1200 },
    plannedStart: START,
    plannedEnd: END,
    description: 'Sostituzione apparati OLT',
    notice: null,
    ...p,
  };
}
const withNotice = (publishedAt: string, channel: 'web_area' | 'sms' = 'web_area') => ({
  noticeId: 'n-1',
  publishedAt,
  channel,
});
const start = (policy: MaintenancePolicy, startedAt: string): MaintenanceCommand => ({
  type: 'RecordMaintenanceStart',
  policy,
  startedAt,
});
const end = (policy: MaintenancePolicy, endedAt: string): MaintenanceCommand => ({
  type: 'RecordMaintenanceEnd',
  policy,
  endedAt,
});

type Step = [command: MaintenanceCommand, now: string];
function play(...steps: Step[]): MaintenanceEvent[] {
  const events: MaintenanceEvent[] = [];
  for (const [command, now] of steps) {
    events.push(
      ...maintenanceDecider.decide(command, fold(maintenanceDecider, events), {
        now,
        actor: operator,
      }),
    );
  }
  return events;
}

type DataOf<T extends MaintenanceEvent['type']> = Extract<MaintenanceEvent, { type: T }>['data'];
function one<T extends MaintenanceEvent['type']>(events: MaintenanceEvent[], type: T): DataOf<T> {
  const found = events.filter((e): e is Extract<MaintenanceEvent, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0].data as DataOf<T>;
}
const types = (events: MaintenanceEvent[]) => events.map((e) => e.type);

/** Registered with its notice, started and ended as planned. */
const lifecycle = (
  policy: MaintenancePolicy,
  publishedAt: string,
  p: Partial<RegisterMaintenanceWindow> = {},
) =>
  play(
    [register(policy, { notice: withNotice(publishedAt), ...p }), publishedAt],
    [start(policy, START), START],
    [end(policy, END), END],
  );

describe('maintenance', () => {
  describe('AS-31, MNT-1, MNT-2, AMB-10 — a notice of 64 hours', () => {
    const publishedAt = '2026-05-08T09:00:00+02:00';

    it('FASTWEB: meets the 24 h Carta notice, breaches the 5-day CGC notice → supervisor flag, no indemnity', () => {
      const events = lifecycle(FASTWEB, publishedAt);
      expect(one(events, 'MaintenanceWindowRegistered')).toMatchObject({
        windowId: 'w-1',
        operator: 'FASTWEB',
        policyVersion: 'FASTWEB@cds-2017',
        kind: 'planned',
        area: 'Torino nord — centrale Barriera di Milano',
        affected: { kind: 'count', count: 1200 },
        plannedStart: '2026-05-10T23:00:00.000Z',
        plannedEnd: '2026-05-11T03:00:00.000Z',
        notice: { noticeId: 'n-1', publishedAt: '2026-05-08T07:00:00.000Z', channel: 'web_area' },
        compliance: {
          stage: 'publication',
          status: 'CONTRACTUAL_BREACH',
          noticeHours: 64,
          noticeSolarDays: 3,
          indemnified: { rule: 'MNT-1', minHours: 24, met: true },
          contractual: { rule: 'MNT-1', clause: 'FW-CGC art. 4 last ¶', minDays: 5, met: false },
          channel: { used: 'web_area', expected: 'web_area', asPolicy: true },
          consequence: 'SUPERVISOR_FLAG',
          rules: ['MNT-1', 'MNT-4', 'CAL-6', 'CAL-2', 'AMB-10'],
        },
      });
      expect(types(events)).toEqual([
        'MaintenanceWindowRegistered',
        'MaintenanceStarted',
        'MaintenanceNoticeBreached',
        'MaintenanceEnded',
      ]);
      expect(one(events, 'MaintenanceNoticeBreached')).toMatchObject({
        contractualBreach: true,
        indemnifiedBreach: false,
        consequence: 'SUPERVISOR_FLAG',
        flaggedToSupervisors: true,
        noticeHours: 64,
      });
      expect(one(events, 'MaintenanceNoticeBreached').summary).toContain(
        'breach flagged to supervisors, no indemnity (AMB-10)',
      );
    });

    it('PSA: compliant (MNT-2 asks 24 h; no contractual minimum), nothing flagged', () => {
      const events = lifecycle(PSA, publishedAt);
      expect(one(events, 'MaintenanceStarted').compliance).toMatchObject({
        stage: 'start',
        status: 'COMPLIANT',
        noticeHours: 64,
        indemnified: { rule: 'MNT-2', minHours: 24, met: true },
        contractual: null,
        channel: { used: 'web_area', expected: null, asPolicy: true },
        consequence: 'NONE',
        rules: ['MNT-2', 'MNT-4', 'CAL-6'],
      });
      expect(types(events)).toEqual([
        'MaintenanceWindowRegistered',
        'MaintenanceStarted',
        'MaintenanceEnded',
      ]);
    });
  });

  describe('AS-31, MNT-3, AMB-10 — a notice of 16 hours, interruption 01:00–05:00', () => {
    const publishedAt = '2026-05-10T09:00:00+02:00';

    it('FASTWEB: both notices breached → one calendar day touched: €5.00 residential / €10.00 business (IND-1 rates)', () => {
      const events = lifecycle(FASTWEB, publishedAt);
      expect(one(events, 'MaintenanceNoticeBreached')).toMatchObject({
        contractualBreach: true,
        indemnifiedBreach: true,
        consequence: 'INDEMNITY',
        noticeHours: 16,
        rules: ['MNT-1', 'MNT-4', 'CAL-6', 'CAL-2', 'AMB-10', 'MNT-3'],
      });
      expect(one(events, 'MaintenanceEnded')).toEqual({
        windowId: 'w-1',
        startedAt: '2026-05-10T23:00:00.000Z',
        endedAt: '2026-05-11T03:00:00.000Z',
        interruptionMs: 4 * 3_600_000,
        daysTouched: ['2026-05-11'],
      });
      expect(one(events, 'MaintenanceNoticeIndemnityAssessed')).toMatchObject({
        indemnityType: 'MAINTENANCE_NOTICE',
        policyVersion: 'FASTWEB@cds-2017',
        rules: ['MNT-3', 'AMB-10', 'IND-1'],
        daysTouched: ['2026-05-11'],
        days: 1,
        daysPaid: 1,
        perCustomer: {
          residential: { dailyCents: 500, amountCents: 500 },
          business: { dailyCents: 1000, amountCents: 1000 },
        },
        lines: null,
        affectedCount: 1200,
        totalCents: null,
        regulatoryReference: null,
        currency: 'EUR',
      });
    });

    it('PSA: breached → €5.00 for one calendar day touched, residential or business', () => {
      const events = lifecycle(PSA, publishedAt);
      expect(one(events, 'MaintenanceNoticeBreached')).toMatchObject({
        contractualBreach: false,
        indemnifiedBreach: true,
        consequence: 'INDEMNITY',
      });
      expect(one(events, 'MaintenanceNoticeIndemnityAssessed')).toMatchObject({
        rules: ['MNT-3', 'AMB-10', 'IND-8', 'AMB-14'],
        days: 1,
        perCustomer: {
          residential: { amountCents: 500 },
          business: { amountCents: 500 },
        },
      });
    });
  });

  describe('MNT-3, AMB-10, IND-1, IND-8 — counting the unannounced interruption', () => {
    const lines = {
      kind: 'lines' as const,
      lines: [
        { lineId: 'LINE-1', subjectId: 's-1', customerType: 'residential' as const },
        { lineId: 'LINE-2', subjectId: 's-2', customerType: 'business' as const },
      ],
    };

    it('given listed lines and an interruption 23:00 → 02:00, then two calendar days count, per line', () => {
      const events = play(
        [
          register(FASTWEB, {
            affected: lines,
            plannedStart: '2026-06-10T23:00:00+02:00',
            plannedEnd: '2026-06-11T02:00:00+02:00',
          }),
          '2026-06-01T10:00:00+02:00',
        ],
        [start(FASTWEB, '2026-06-10T23:00:00+02:00'), '2026-06-10T23:00:00+02:00'],
        [end(FASTWEB, '2026-06-11T02:00:00+02:00'), '2026-06-11T02:00:00+02:00'],
      );
      expect(one(events, 'MaintenanceStarted').compliance).toMatchObject({
        status: 'INDEMNIFIED_BREACH',
        noticeAt: null,
        noticeHours: null,
        indemnified: { met: false },
        contractual: { met: false },
      });
      expect(one(events, 'MaintenanceNoticeIndemnityAssessed')).toMatchObject({
        daysTouched: ['2026-06-10', '2026-06-11'],
        days: 2,
        lines: [
          { lineId: 'LINE-1', subjectId: 's-1', customerType: 'residential', amountCents: 1000 },
          { lineId: 'LINE-2', subjectId: 's-2', customerType: 'business', amountCents: 2000 },
        ],
        affectedCount: 2,
        totalCents: 3000,
      });
    });

    it('an interruption ending at midnight does not touch the next day; the minimum is one day', () => {
      const events = play(
        [
          register(PSA, {
            plannedStart: '2026-06-10T22:00:00+02:00',
            plannedEnd: '2026-06-11T00:00:00+02:00',
          }),
          '2026-06-10T12:00:00+02:00',
        ],
        [start(PSA, '2026-06-10T22:00:00+02:00'), '2026-06-10T22:00:00+02:00'],
        [end(PSA, '2026-06-11T00:00:00+02:00'), '2026-06-11T00:00:00+02:00'],
      );
      expect(one(events, 'MaintenanceNoticeIndemnityAssessed').daysTouched).toEqual(['2026-06-10']);
    });

    it.each([
      [FASTWEB, 12, 5000, 10000],
      [PSA, 12, 5000, 5000],
    ])(
      'caps: 12 days touched → FASTWEB 10 days (€50.00 / €100.00), PSA €50.00',
      (policy, days, residential, business) => {
        const events = play(
          [register(policy), '2026-05-10T12:00:00+02:00'],
          [start(policy, START), START],
          [end(policy, '2026-05-22T05:00:00+02:00'), '2026-05-22T06:00:00+02:00'],
        );
        expect(one(events, 'MaintenanceNoticeIndemnityAssessed')).toMatchObject({
          days,
          perCustomer: {
            residential: { amountCents: residential },
            business: { amountCents: business },
          },
        });
      },
    );
  });

  describe('MNT-4 — the notice is evaluated at publication and again at the start', () => {
    it('given no notice yet, then compliance is PENDING; a notice published later is evaluated then', () => {
      const events = play(
        [register(PSA), '2026-05-01T10:00:00+02:00'],
        [
          {
            type: 'PublishMaintenanceNotice',
            policy: PSA,
            noticeId: 'n-1',
            publishedAt: '2026-05-09T23:00:00+02:00',
            channel: 'email',
          },
          '2026-05-09T23:00:00+02:00',
        ],
      );
      expect(one(events, 'MaintenanceWindowRegistered').compliance).toMatchObject({
        stage: 'registration',
        status: 'PENDING',
        indemnified: { met: null },
        consequence: 'NONE',
      });
      expect(one(events, 'MaintenanceNoticePublished').compliance).toMatchObject({
        stage: 'publication',
        status: 'COMPLIANT',
        noticeHours: 26,
      });
    });

    it('given a compliant notice, when the work starts two hours early, then the start verdict is a breach', () => {
      const events = play(
        [
          register(PSA, { notice: withNotice('2026-05-09T23:00:00+02:00') }),
          '2026-05-09T23:00:00+02:00',
        ],
        [start(PSA, '2026-05-10T22:30:00+02:00'), '2026-05-10T22:30:00+02:00'],
      );
      expect(one(events, 'MaintenanceWindowRegistered').compliance.status).toBe('COMPLIANT');
      expect(one(events, 'MaintenanceStarted').compliance).toMatchObject({
        stage: 'start',
        interruptionStart: '2026-05-10T20:30:00.000Z',
        status: 'INDEMNIFIED_BREACH',
        noticeHours: 23.5,
      });
      expect(one(events, 'MaintenanceNoticeBreached').consequence).toBe('INDEMNITY');
    });

    it('a reschedule re-evaluates the notice against the new start', () => {
      spec('2026-05-09T10:00:00+02:00')
        .given(
          play([
            register(FASTWEB, { notice: withNotice('2026-05-01T09:00:00+02:00') }),
            '2026-05-01T09:00:00+02:00',
          ]),
        )
        .when({
          type: 'RescheduleMaintenanceWindow',
          policy: FASTWEB,
          plannedStart: '2026-05-04T01:00:00+02:00',
          plannedEnd: '2026-05-04T05:00:00+02:00',
          reason: 'Anticipata per guasto imminente',
        })
        .then((events) =>
          expect(one(events, 'MaintenanceWindowRescheduled')).toMatchObject({
            previous: { plannedStart: '2026-05-10T23:00:00.000Z' },
            compliance: { stage: 'reschedule', status: 'CONTRACTUAL_BREACH', noticeSolarDays: 3 },
          }),
        );
    });

    it('CAL-6: the 24 hours are elapsed time: across the spring DST change 24 h elapsed are 25 h on the wall clock', () => {
      const atLimit = play([
        register(PSA, {
          plannedStart: '2026-03-29T03:30:00+02:00',
          plannedEnd: '2026-03-29T05:00:00+02:00',
          notice: withNotice('2026-03-28T02:30:00+01:00'),
        }),
        '2026-03-28T02:30:00+01:00',
      ]);
      expect(one(atLimit, 'MaintenanceWindowRegistered').compliance).toMatchObject({
        status: 'COMPLIANT',
        noticeHours: 24,
      });
      const short = play([
        register(PSA, {
          plannedStart: '2026-03-29T03:30:00+02:00',
          plannedEnd: '2026-03-29T05:00:00+02:00',
          notice: withNotice('2026-03-28T03:00:00+01:00'),
        }),
        '2026-03-28T03:00:00+01:00',
      ]);
      expect(one(short, 'MaintenanceWindowRegistered').compliance).toMatchObject({
        status: 'INDEMNIFIED_BREACH',
        noticeHours: 23.5,
      });
    });

    it('MNT-1: a Fastweb notice outside MyFASTPage is recorded as not the policy channel', () => {
      const events = play([
        register(FASTWEB, { notice: withNotice('2026-05-01T09:00:00+02:00', 'sms') }),
        '2026-05-01T09:00:00+02:00',
      ]);
      expect(one(events, 'MaintenanceWindowRegistered').compliance).toMatchObject({
        status: 'COMPLIANT',
        noticeSolarDays: 10,
        channel: { used: 'sms', expected: 'web_area', asPolicy: false },
      });
    });
  });

  describe('MNT-1 — unplanned faults need no notice', () => {
    it.each([
      [FASTWEB, ['MNT-1']],
      [PSA, ['MNT-2']],
    ])(
      'given a suspension caused by a network fault, then no notice is required and nothing is owed',
      (policy, rules) => {
        const events = play(
          [register(policy, { kind: 'unplanned_fault' }), '2026-05-11T01:10:00+02:00'],
          [start(policy, START), '2026-05-11T01:10:00+02:00'],
          [end(policy, END), END],
        );
        expect(one(events, 'MaintenanceStarted').compliance).toMatchObject({
          status: 'NOT_REQUIRED',
          consequence: 'NONE',
          rules,
        });
        expect(types(events)).toEqual([
          'MaintenanceWindowRegistered',
          'MaintenanceStarted',
          'MaintenanceEnded',
        ]);
      },
    );
  });

  describe('refusals', () => {
    it('MNT-4: refuses a window that ends before it starts, a count without an area, a notice in the future', () => {
      spec('2026-05-01T10:00:00+02:00')
        .given([])
        .when(register(FASTWEB, { plannedEnd: START }))
        .thenRefuses({ ruleId: 'MNT-4', details: { field: 'plannedEnd' } });
      spec('2026-05-01T10:00:00+02:00')
        .given([])
        .when(register(FASTWEB, { area: ' ' }))
        .thenRefuses({ ruleId: 'MNT-4', details: { field: 'area' } });
      spec('2026-05-01T10:00:00+02:00')
        .given([])
        .when(register(FASTWEB, { affected: { kind: 'count', count: 0 } }))
        .thenRefuses({ ruleId: 'MNT-4', details: { field: 'affected.count' } });
      spec('2026-05-01T10:00:00+02:00')
        .given([])
        .when(register(FASTWEB, { notice: withNotice('2026-05-02T10:00:00+02:00') }))
        .thenRefuses({ ruleId: 'MNT-4', details: { field: 'notice.publishedAt' } });
    });

    it('refuses an end before the start, a second start, a cancellation once started, and another policy version', () => {
      const started = play(
        [register(PSA), '2026-05-01T10:00:00+02:00'],
        [start(PSA, START), START],
      );
      spec(END)
        .given(started)
        .when(end(PSA, START))
        .thenRefuses({ details: { field: 'endedAt' } });
      spec(END).given(started).when(start(PSA, START)).thenRefuses({ kind: 'conflicting_state' });
      spec(END)
        .given(started)
        .when({ type: 'CancelMaintenanceWindow', reason: 'Annullata' })
        .thenRefuses({ kind: 'conflicting_state', details: { status: 'started' } });
      spec(END)
        .given(started)
        .when(end({ ...PSA, version: 'PSA@2030' }, END))
        .thenRefuses({ ruleId: 'CAL-9' });
      spec(END).given([]).when(start(PSA, START)).thenRefuses({ kind: 'not_found' });
    });

    it('a scheduled window may be cancelled with its reason', () => {
      spec('2026-05-05T10:00:00+02:00')
        .given(play([register(PSA), '2026-05-01T10:00:00+02:00']))
        .when({ type: 'CancelMaintenanceWindow', reason: 'Lavori rinviati a data da destinarsi' })
        .then([
          {
            type: 'MaintenanceWindowCancelled',
            data: {
              windowId: 'w-1',
              reason: 'Lavori rinviati a data da destinarsi',
              cancelledAt: '2026-05-05T08:00:00.000Z',
              cancelledBy: 'op-1',
            },
          },
        ]);
    });
  });
});
