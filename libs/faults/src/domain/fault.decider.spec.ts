import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_FAULTS, PSA_FAULTS } from '../testing/fault-policies.fixture';
import {
  CloseFault,
  FaultCommand,
  MarkFaultComplex,
  PauseRepairClock,
  RecordTechnicianVisit,
  ReportFault,
} from './fault.commands';
import { faultDecider } from './fault.decider';
import { CustomerType, FaultEvent } from './fault.events';
import { FaultPolicy } from './fault.policy';

const FASTWEB = FASTWEB_FAULTS;
const PSA = PSA_FAULTS;
type Actor = DecisionContext['actor'];
const operator: Actor = { id: 'op-1', roles: ['operator'] };
const supervisor: Actor = { id: 'sup-1', roles: ['supervisor'] };
const HOUR = 3_600_000;

const spec = (now: string, actor: Actor = operator) => deciderSpec(faultDecider, { now, actor });

function report(
  policy: FaultPolicy,
  reportedAt: string,
  customerType: CustomerType = 'residential',
): ReportFault {
  return {
    type: 'ReportFault',
    faultId: 'f-1',
    reference: 'GU-2026-TEST0001',
    policy,
    customer: {
      subjectId: 's-1',
      customerType,
      name: 'Marco Bianchi',
      phone: '+39 333 0000000',
    },
    lineId: 'LINE-0001',
    service: 'broadband',
    channel: 'phone',
    description: 'Nessuna connessione',
    reportedAt,
  };
}

const pause = (
  policy: FaultPolicy,
  p: Partial<PauseRepairClock> & Pick<PauseRepairClock, 'pauseId' | 'from'>,
): PauseRepairClock => ({
  type: 'PauseRepairClock',
  policy,
  kind: 'WAITING_ON_CUSTOMER',
  reason: 'Cliente non disponibile per la visita',
  evidenceRef: null,
  to: null,
  approval: null,
  ...p,
});
const resume = (pauseId: string, resumedAt: string): FaultCommand => ({
  type: 'ResumeRepairClock',
  pauseId,
  resumedAt,
});
const restore = (restoredAt: string): FaultCommand => ({ type: 'RestoreService', restoredAt });
const close = (
  policy: FaultPolicy,
  outcome: CloseFault['outcome'] = 'repaired',
  finding: string | null = null,
): CloseFault => ({ type: 'CloseFault', policy, outcome, finding });
const markComplex = (policy: FaultPolicy, p: Partial<MarkFaultComplex> = {}): MarkFaultComplex => ({
  type: 'MarkFaultComplex',
  policy,
  complexity: 'COMPLEX',
  reasons: ['Guasto su tratta in fibra condivisa'],
  forceMajeure: null,
  announcedResolutionDate: null,
  ...p,
});

type Step = [command: FaultCommand, now: string, actor?: Actor];

/** Decides each command against the history so far: the events a real stream would hold. */
function play(...steps: Step[]): FaultEvent[] {
  const events: FaultEvent[] = [];
  for (const [command, now, actor = operator] of steps) {
    events.push(...faultDecider.decide(command, fold(faultDecider, events), { now, actor }));
  }
  return events;
}

type DataOf<T extends FaultEvent['type']> = Extract<FaultEvent, { type: T }>['data'];

function one<T extends FaultEvent['type']>(events: FaultEvent[], type: T): DataOf<T> {
  const found = events.filter((e): e is Extract<FaultEvent, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0].data as DataOf<T>;
}

const types = (events: FaultEvent[]) => events.map((e) => e.type);
const stateAfter = (events: FaultEvent[]) => fold(faultDecider, events);
const dueOf = (events: FaultEvent[]) => {
  const state = stateAfter(events);
  return state.status === 'none' ? undefined : state.repairDueAt;
};

describe('faults', () => {
  describe('FLT-1 — the report starts the clock', () => {
    it('given a report, then it carries the customer block, the line and the explained deadline', () => {
      spec('2026-03-02T09:05:00+01:00')
        .given([])
        .when(report(FASTWEB, '2026-03-02T09:00:00+01:00'))
        .then((events) => {
          expect(types(events)).toEqual(['FaultReported']);
          expect(one(events, 'FaultReported')).toMatchObject({
            faultId: 'f-1',
            operator: 'FASTWEB',
            policyVersion: 'FASTWEB@cds-2017',
            customer: { subjectId: 's-1', customerType: 'residential', name: 'Marco Bianchi' },
            lineId: 'LINE-0001',
            service: 'broadband',
            reportedAt: '2026-03-02T08:00:00.000Z',
            term: { kind: 'ELAPSED_HOURS', value: 72, rule: 'FLT-2' },
            repairDueAt: '2026-03-05T08:00:00.000Z',
            repairDue: {
              rule: 'FLT-2',
              clause: 'FW-CDS §5.2; FW-CGC 9.1',
              termKind: 'ELAPSED_HOURS',
              term: 72,
              unit: 'hours',
              status: 'DUE',
              dueAtLocal: '2026-03-05T09:00:00.000+01:00',
              unpausedDueAt: '2026-03-05T08:00:00.000Z',
              pauses: [],
              rules: ['FLT-2', 'CAL-1', 'CAL-6'],
            },
          });
          expect(one(events, 'FaultReported').repairDue.summary).toContain('72 elapsed hour(s)');
        });
    });

    it('refuses a report in the future or without an offset, naming the field', () => {
      spec('2026-03-02T08:00:00Z')
        .given([])
        .when(report(FASTWEB, '2026-03-02T09:00:00Z'))
        .thenRefuses({ ruleId: 'FLT-1', details: { field: 'reportedAt' } });
      spec('2026-03-03T08:00:00Z')
        .given([])
        .when(report(FASTWEB, '2026-03-02T09:00:00'))
        .thenRefuses({ ruleId: 'FLT-1', details: { field: 'reportedAt' } });
    });

    it('given a report entered after its deadline passed, then the deadline is missed at once', () => {
      spec('2026-03-06T10:00:00+01:00')
        .given([])
        .when(report(FASTWEB, '2026-03-02T09:00:00+01:00'))
        .then((events) =>
          expect(events[1]).toEqual({
            type: 'RepairDeadlineMissed',
            data: { faultId: 'f-1', subjectId: 's-1', repairDueAt: '2026-03-05T08:00:00.000Z' },
          }),
        );
    });

    it('refuses to report the same fault twice', () => {
      const reported = play([report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T10:00:00Z']);
      spec('2026-03-02T10:00:00Z')
        .given(reported)
        .when(report(FASTWEB, '2026-03-02T09:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('the fold', () => {
    it('ignores events other modules append to a fault stream (e.g. CustomerNotified)', () => {
      const reported = play([report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T10:00:00Z']);
      const notified = {
        type: 'CustomerNotified',
        data: { notificationId: 'n-1', subjectId: 's-1' },
      } as unknown as FaultEvent;
      expect(stateAfter([...reported, notified])).toEqual(stateAfter(reported));
    });

    it('FLT-1: refuses a report without its reference', () => {
      spec('2026-03-02T10:00:00Z')
        .given([])
        .when({ ...report(FASTWEB, '2026-03-02T09:00:00+01:00'), reference: ' ' })
        .thenRefuses({ ruleId: 'FLT-1', details: { field: 'reference' } });
    });
  });

  describe('FLT-2, CAL-6, CAL-7 — Fastweb: 72 elapsed hours to restore the service (AMB-6)', () => {
    const reportedAt = '2026-03-02T09:00:00+01:00';

    it('AS-01, FLT-11: due 2026-03-05 09:00; restored 2026-03-08 10:00 is 73 h late → 4 days → €20.00 (IND-1)', () => {
      const events = play(
        [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-08T10:00:00+01:00'), '2026-03-08T10:05:00+01:00'],
        [close(FASTWEB), '2026-03-08T11:00:00+01:00'],
      );
      expect(one(events, 'ServiceRestored')).toMatchObject({
        restoredAt: '2026-03-08T09:00:00.000Z',
        repairDueAt: '2026-03-05T08:00:00.000Z',
        onTime: false,
        delay: { rule: 'CAL-7', basis: 'STARTED_24_HOUR_PERIODS', days: 4, latenessMs: 73 * HOUR },
        repairTime: { elapsedMs: 145 * HOUR, netOfPausesMs: 145 * HOUR },
      });
      // The restoration itself records the miss when the timer has not fired yet.
      expect(types(events)).toEqual([
        'FaultReported',
        'RepairDeadlineMissed',
        'ServiceRestored',
        'RepairIndemnityAssessed',
        'FaultClosed',
      ]);
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        indemnityType: 'REPAIR_DELAY',
        rules: ['CAL-7', 'IND-1', 'IND-2', 'AMB-11'],
        clause: 'FW-CDS §5.3',
        customerType: 'residential',
        daysOfDelay: 4,
        daysPaid: 4,
        dailyCents: 500,
        amountCents: 2000,
        currency: 'EUR',
        status: 'due',
      });
    });

    it('AS-02, IND-13: the same fault for a Partita IVA customer → €40.00', () => {
      const events = play(
        [report(FASTWEB, reportedAt, 'business'), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-08T10:00:00+01:00'), '2026-03-08T10:05:00+01:00'],
        [close(FASTWEB), '2026-03-08T11:00:00+01:00'],
      );
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        customerType: 'business',
        daysOfDelay: 4,
        dailyCents: 1000,
        amountCents: 4000,
      });
    });

    it('AS-03: restored at exactly 72 h is on time (€0.00); at 72 h 30 min it is 1 day late (€5.00)', () => {
      const atBoundary = play(
        [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-05T09:00:00+01:00'), '2026-03-05T09:01:00+01:00'],
        [close(FASTWEB), '2026-03-05T10:00:00+01:00'],
      );
      expect(one(atBoundary, 'ServiceRestored')).toMatchObject({
        onTime: true,
        delay: { days: 0, latenessMs: 0 },
      });
      expect(one(atBoundary, 'RepairIndemnityAssessed')).toMatchObject({
        amountCents: 0,
        status: 'none',
      });

      const halfHourLate = play(
        [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-05T09:30:00+01:00'), '2026-03-05T09:31:00+01:00'],
        [close(FASTWEB), '2026-03-05T10:00:00+01:00'],
      );
      expect(one(halfHourLate, 'ServiceRestored').delay).toMatchObject({
        days: 1,
        latenessMs: HOUR / 2,
      });
      expect(one(halfHourLate, 'RepairIndemnityAssessed').amountCents).toBe(500);
    });

    it.each([
      ['residential', 5000],
      ['business', 10000],
    ] as const)(
      'AS-04, IND-2, AMB-11: 16 days late (%s) → capped at 10 days = %i cents, and a supervisor task is opened',
      (customerType, amountCents) => {
        const events = play(
          [report(FASTWEB, '2026-01-07T08:00:00+01:00', customerType), '2026-01-07T08:05:00+01:00'],
          [restore('2026-01-25T12:00:00+01:00'), '2026-01-25T12:05:00+01:00'],
          [close(FASTWEB), '2026-01-25T13:00:00+01:00'],
        );
        expect(one(events, 'FaultReported').repairDueAt).toBe('2026-01-10T07:00:00.000Z');
        expect(one(events, 'ServiceRestored').delay).toMatchObject({
          days: 16,
          latenessMs: (15 * 24 + 4) * HOUR,
        });
        expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
          daysOfDelay: 16,
          daysPaid: 10,
          capDays: 10,
          amountCents,
        });
        expect(one(events, 'SupplementaryIndemnityAssessmentRequested')).toEqual({
          faultId: 'f-1',
          subjectId: 's-1',
          daysOfDelay: 16,
          capDays: 10,
        });
      },
    );

    it('AS-07, CAL-1: DST starts inside the 72 h: reported Sat 2026-03-28 10:00 CET → due Tue 11:00 CEST', () => {
      const events = play(
        [report(FASTWEB, '2026-03-28T10:00:00+01:00'), '2026-03-28T10:05:00+01:00'],
        [restore('2026-03-31T10:30:00+02:00'), '2026-03-31T10:35:00+02:00'],
        [close(FASTWEB), '2026-03-31T11:00:00+02:00'],
      );
      expect(one(events, 'FaultReported').repairDue).toMatchObject({
        dueAt: '2026-03-31T09:00:00.000Z',
        dueAtLocal: '2026-03-31T11:00:00.000+02:00',
      });
      expect(one(events, 'ServiceRestored').onTime).toBe(true);
      expect(one(events, 'RepairIndemnityAssessed').amountCents).toBe(0);
    });

    it('CAL-6: DST ends inside the 72 h: reported Sat 2026-10-24 10:00 CEST → due Tue 09:00 CET', () => {
      const events = play([
        report(FASTWEB, '2026-10-24T10:00:00+02:00'),
        '2026-10-24T10:05:00+02:00',
      ]);
      expect(one(events, 'FaultReported').repairDue).toMatchObject({
        dueAt: '2026-10-27T08:00:00.000Z',
        dueAtLocal: '2026-10-27T09:00:00.000+01:00',
      });
    });
  });

  describe('CAL-8, FLT-3 — pausing the Fastweb clock', () => {
    it('AS-05: waiting on the customer 72 h moves the due instant from 03-13 10:00 to 03-16 10:00', () => {
      const paused = play(
        [report(FASTWEB, '2026-03-10T10:00:00+01:00'), '2026-03-10T10:05:00+01:00'],
        [
          pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-11T12:00:00+01:00' }),
          '2026-03-11T12:00:00+01:00',
        ],
      );
      expect(one(paused, 'RepairClockPaused')).toMatchObject({
        pause: {
          pauseId: 'p-1',
          kind: 'WAITING_ON_CUSTOMER',
          reason: 'Cliente non disponibile per la visita',
          from: '2026-03-11T11:00:00.000Z',
          to: null,
          recordedBy: 'op-1',
        },
        previousRepairDueAt: '2026-03-13T09:00:00.000Z',
        repairDueAt: null,
        repairDue: { status: 'SUSPENDED', remaining: { value: 46, unit: 'hours' } },
      });

      const resumed = play(
        [report(FASTWEB, '2026-03-10T10:00:00+01:00'), '2026-03-10T10:05:00+01:00'],
        [
          pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-11T12:00:00+01:00' }),
          '2026-03-11T12:00:00+01:00',
        ],
        [resume('p-1', '2026-03-14T12:00:00+01:00'), '2026-03-14T12:00:00+01:00'],
      );
      expect(one(resumed, 'RepairClockResumed')).toMatchObject({
        pauseId: 'p-1',
        previousRepairDueAt: null,
        repairDueAt: '2026-03-16T09:00:00.000Z',
        repairDue: {
          status: 'DUE',
          dueAtLocal: '2026-03-16T10:00:00.000+01:00',
          unpausedDueAt: '2026-03-13T09:00:00.000Z',
          pausedMs: 72 * HOUR,
          rules: ['FLT-2', 'CAL-1', 'CAL-6', 'CAL-8'],
          pauses: [{ pauseId: 'p-1', kind: 'WAITING_ON_CUSTOMER', to: '2026-03-14T11:00:00.000Z' }],
        },
      });

      spec('2026-03-16T09:05:00+01:00')
        .given(resumed)
        .when(restore('2026-03-16T09:00:00+01:00'))
        .then((events) => expect(one(events, 'ServiceRestored').onTime).toBe(true));
      const late = play(
        [report(FASTWEB, '2026-03-10T10:00:00+01:00'), '2026-03-10T10:05:00+01:00'],
        [
          pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-11T12:00:00+01:00' }),
          '2026-03-11T12:00:00+01:00',
        ],
        [resume('p-1', '2026-03-14T12:00:00+01:00'), '2026-03-14T12:00:00+01:00'],
        [restore('2026-03-17T11:00:00+01:00'), '2026-03-17T11:05:00+01:00'],
        [close(FASTWEB), '2026-03-17T12:00:00+01:00'],
      );
      expect(one(late, 'ServiceRestored')).toMatchObject({
        delay: { days: 2, latenessMs: 25 * HOUR },
        repairTime: { elapsedMs: 169 * HOUR, netOfPausesMs: 97 * HOUR },
      });
      expect(one(late, 'RepairIndemnityAssessed').amountCents).toBe(1000);
    });

    it('AS-06, EXT-IND-4: force majeure recorded by a supervisor → due 02-09 10:00; restored 18:00 → 1 day, €5.00', () => {
      const fm = pause(FASTWEB, {
        pauseId: 'p-fm',
        kind: 'FORCE_MAJEURE',
        reason: 'Alluvione',
        evidenceRef: 'Protezione civile allerta 2026/112',
        from: '2026-02-03T12:00:00+01:00',
      });
      const events = play(
        [report(FASTWEB, '2026-02-03T10:00:00+01:00'), '2026-02-03T10:05:00+01:00'],
        [fm, '2026-02-03T12:10:00+01:00', supervisor],
        [resume('p-fm', '2026-02-06T12:00:00+01:00'), '2026-02-06T12:10:00+01:00', supervisor],
        [restore('2026-02-09T18:00:00+01:00'), '2026-02-09T18:05:00+01:00'],
        [close(FASTWEB), '2026-02-09T19:00:00+01:00'],
      );
      expect(one(events, 'RepairClockPaused').pause).toMatchObject({
        kind: 'FORCE_MAJEURE',
        evidenceRef: 'Protezione civile allerta 2026/112',
        recordedBy: 'sup-1',
      });
      expect(one(events, 'RepairClockResumed').repairDueAt).toBe('2026-02-09T09:00:00.000Z');
      expect(one(events, 'ServiceRestored').delay).toMatchObject({ days: 1, latenessMs: 8 * HOUR });
      expect(one(events, 'RepairIndemnityAssessed').amountCents).toBe(500);
    });

    it('AS-06: a FORCE_MAJEURE pause without an evidence reference is refused, naming the field', () => {
      const reported = play([
        report(FASTWEB, '2026-02-03T10:00:00+01:00'),
        '2026-02-03T10:05:00+01:00',
      ]);
      spec('2026-02-03T12:10:00+01:00', supervisor)
        .given(reported)
        .when(
          pause(FASTWEB, {
            pauseId: 'p-fm',
            kind: 'FORCE_MAJEURE',
            evidenceRef: '  ',
            from: '2026-02-03T12:00:00+01:00',
          }),
        )
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'evidenceRef' } });
    });

    it('CAL-8, CAL-1: a pause across the spring DST change counts its real 47 elapsed hours', () => {
      const events = play(
        [report(FASTWEB, '2026-03-27T10:00:00+01:00'), '2026-03-27T10:05:00+01:00'],
        [
          pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-28T12:00:00+01:00' }),
          '2026-03-28T12:05:00+01:00',
        ],
        [resume('p-1', '2026-03-30T12:00:00+02:00'), '2026-03-30T12:05:00+02:00'],
      );
      expect(one(events, 'RepairClockResumed').repairDue).toMatchObject({
        pausedMs: 47 * HOUR,
        dueAt: '2026-04-01T08:00:00.000Z',
        dueAtLocal: '2026-04-01T10:00:00.000+02:00',
      });
    });

    it('CAL-8: overlapping pauses are merged, so their shared time counts once', () => {
      const events = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [
          pause(FASTWEB, {
            pauseId: 'p-1',
            from: '2026-03-03T10:00:00+01:00',
            to: '2026-03-03T14:00:00+01:00',
          }),
          '2026-03-03T18:00:00+01:00',
        ],
        [
          pause(FASTWEB, {
            pauseId: 'p-2',
            kind: 'THIRD_PARTY_OR_AUTHORITY',
            reason: 'Permesso comunale per lo scavo',
            from: '2026-03-03T12:00:00+01:00',
            to: '2026-03-03T16:00:00+01:00',
          }),
          '2026-03-03T18:00:00+01:00',
        ],
      );
      expect(dueOf(events)).toBe('2026-03-05T14:00:00.000Z');
      expect(events.at(-1)).toMatchObject({
        type: 'RepairClockPaused',
        data: {
          repairDue: {
            pausedMs: 6 * HOUR,
            mergedPauses: [{ start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T15:00:00.000Z' }],
          },
        },
      });
    });

    describe('refusals', () => {
      const reported = play([
        report(FASTWEB, '2026-03-02T09:00:00+01:00'),
        '2026-03-02T09:05:00+01:00',
      ]);
      const at = '2026-03-03T10:00:00+01:00';

      it('refuses a kind the policy does not allow', () => {
        spec(at)
          .given(reported)
          .when(
            pause(
              { ...FASTWEB, pause: { allowedKinds: ['WAITING_ON_CUSTOMER'], clause: 'test' } },
              { pauseId: 'p-1', kind: 'THIRD_PARTY_OR_AUTHORITY', from: at },
            ),
          )
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'kind' } });
      });

      it('refuses a pause without a reason, before the report, or in the future', () => {
        spec(at)
          .given(reported)
          .when(pause(FASTWEB, { pauseId: 'p-1', reason: ' ', from: at }))
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'reason' } });
        spec(at)
          .given(reported)
          .when(pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-02T08:00:00+01:00' }))
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'from' } });
        spec(at)
          .given(reported)
          .when(
            pause(FASTWEB, {
              pauseId: 'p-1',
              from: '2026-03-03T09:00:00+01:00',
              to: '2026-03-03T11:00:00+01:00',
            }),
          )
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'to' } });
      });

      it('refuses a second running pause, and resuming a pause that is not running', () => {
        const paused = play(
          [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
          [pause(FASTWEB, { pauseId: 'p-1', from: at }), at],
        );
        spec(at)
          .given(paused)
          .when(pause(FASTWEB, { pauseId: 'p-2', from: at }))
          .thenRefuses({ kind: 'conflicting_state' });
        spec(at).given(paused).when(resume('p-9', at)).thenRefuses({ kind: 'conflicting_state' });
      });

      it('CAL-9: refuses figures from a policy version other than the pinned one', () => {
        spec(at)
          .given(reported)
          .when(pause({ ...FASTWEB, version: 'FASTWEB@2027' }, { pauseId: 'p-1', from: at }))
          .thenRefuses({ kind: 'conflicting_state', ruleId: 'CAL-9' });
      });
    });

    describe('CAL-8: a pause recorded after the deadline was missed needs a supervisor', () => {
      // Due 2026-03-13 10:00; the customer's unavailability is only recorded on the 14th.
      const missed = play(
        [report(FASTWEB, '2026-03-10T10:00:00+01:00'), '2026-03-10T10:05:00+01:00'],
        [
          { type: 'RecordRepairDeadlineMissed', repairDueAt: '2026-03-13T09:00:00.000Z' },
          '2026-03-13T10:00:01+01:00',
        ],
      );
      const late = pause(FASTWEB, {
        pauseId: 'p-1',
        from: '2026-03-11T12:00:00+01:00',
        to: '2026-03-14T12:00:00+01:00',
      });
      const now = '2026-03-14T12:30:00+01:00';

      it('given an operator, or a supervisor without an approval, then it is refused', () => {
        expect(types(missed)).toEqual(['FaultReported', 'RepairDeadlineMissed']);
        spec(now)
          .given(missed)
          .when(late)
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'approval' } });
        spec(now, supervisor)
          .given(missed)
          .when({ ...late, approval: { reason: '' } })
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'approval' } });
        spec(now)
          .given(missed)
          .when({ ...late, approval: { reason: 'Verbale del tecnico' } })
          .thenRefuses({ ruleId: 'CAL-8', details: { field: 'approval' } });
      });

      it('given a supervisor’s approval, then the approval is an event and the deadline moves to 03-16 10:00', () => {
        spec(now, supervisor)
          .given(missed)
          .when({ ...late, approval: { reason: 'Verbale del tecnico: cliente assente' } })
          .then((events) => {
            expect(types(events)).toEqual(['LatePauseApproved', 'RepairClockPaused']);
            expect(one(events, 'LatePauseApproved')).toEqual({
              faultId: 'f-1',
              subjectId: 's-1',
              pauseId: 'p-1',
              approvedBy: 'sup-1',
              reason: 'Verbale del tecnico: cliente assente',
              missedDueAt: '2026-03-13T09:00:00.000Z',
            });
            expect(one(events, 'RepairClockPaused')).toMatchObject({
              previousRepairDueAt: '2026-03-13T09:00:00.000Z',
              repairDueAt: '2026-03-16T09:00:00.000Z',
            });
          });
      });

      it('given an approved pause too short to save the deadline, then the new deadline is missed at once', () => {
        spec('2026-03-15T12:00:00+01:00', supervisor)
          .given(missed)
          .when({
            ...late,
            to: '2026-03-12T12:00:00+01:00',
            approval: { reason: 'Cliente assente' },
          })
          .then((events) => {
            expect(types(events)).toEqual([
              'LatePauseApproved',
              'RepairClockPaused',
              'RepairDeadlineMissed',
            ]);
            expect(one(events, 'RepairDeadlineMissed').repairDueAt).toBe(
              '2026-03-14T09:00:00.000Z',
            );
          });
      });
    });
  });

  describe('FLT-6, CAL-3, CAL-5 — PSA: by the end of the 4th non-holiday day after the report day', () => {
    const dueDate = (reportedAt: string) =>
      one(play([report(PSA, reportedAt), '2027-12-31T00:00:00Z']), 'FaultReported').repairDue
        .dueDate;

    it('AS-08: reported Thu 2026-04-02 16:30 → Easter Sunday and Easter Monday skipped: due end of Wed 04-08', () => {
      const events = play([report(PSA, '2026-04-02T16:30:00+02:00'), '2026-04-02T16:35:00+02:00']);
      const { repairDue } = one(events, 'FaultReported');
      expect(repairDue).toMatchObject({
        rule: 'FLT-6',
        clause: 'PSA-CDS §9',
        termKind: 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY',
        term: 4,
        unit: 'days',
        reportDate: '2026-04-02',
        dueDate: '2026-04-08',
        dueAt: '2026-04-08T21:59:59.999Z',
        rules: ['FLT-6', 'CAL-1', 'CAL-3', 'CAL-5'],
      });
      expect(repairDue.days.map((d) => [d.date, d.ordinal ?? d.skipped])).toEqual([
        ['2026-04-03', 1],
        ['2026-04-04', 2],
        ['2026-04-05', 'HOLIDAY'],
        ['2026-04-06', 'HOLIDAY'],
        ['2026-04-07', 3],
        ['2026-04-08', 4],
      ]);
    });

    it.each(['residential', 'business'] as const)(
      'AS-08, FLT-11, IND-8: restored Fri 04-10 11:00 → 2 days late → €10.00 for a %s customer',
      (customerType) => {
        const events = play(
          [report(PSA, '2026-04-02T16:30:00+02:00', customerType), '2026-04-02T16:35:00+02:00'],
          [restore('2026-04-10T11:00:00+02:00'), '2026-04-10T11:05:00+02:00'],
          [close(PSA), '2026-04-10T12:00:00+02:00'],
        );
        expect(one(events, 'ServiceRestored').delay).toMatchObject({
          basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
          days: 2,
        });
        expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
          rules: ['CAL-7', 'IND-8', 'AMB-14'],
          daysOfDelay: 2,
          amountCents: 1000,
        });
      },
    );

    it('AS-09, AMB-18: 1 May skipped and Saturday counted: Wed 04-29 → Tue 05-05 (not 05-06); restored 18:00 on time', () => {
      expect(dueDate('2026-04-29T10:00:00+02:00')).toBe('2026-05-05');
      const events = play(
        [report(PSA, '2026-04-29T10:00:00+02:00'), '2026-04-29T10:05:00+02:00'],
        [restore('2026-05-05T18:00:00+02:00'), '2026-05-05T18:05:00+02:00'],
        [close(PSA), '2026-05-05T19:00:00+02:00'],
      );
      expect(one(events, 'ServiceRestored').onTime).toBe(true);
      expect(one(events, 'RepairIndemnityAssessed').amountCents).toBe(0);
    });

    it('AS-09: Fri 2026-04-24 → Thu 04-30 (Sat 25 April is a holiday, Sun 26 skipped)', () => {
      expect(dueDate('2026-04-24T09:00:00+02:00')).toBe('2026-04-30');
    });

    it('AS-10, FLT-1: a report on Sun 2026-03-08 21:00 via the client area: that Sunday is day 0 → due end of Thu 03-12', () => {
      const events = play([
        { ...report(PSA, '2026-03-08T21:00:00+01:00'), channel: 'web_area' },
        '2026-03-08T21:05:00+01:00',
      ]);
      expect(one(events, 'FaultReported')).toMatchObject({
        channel: 'web_area',
        repairDue: {
          reportDate: '2026-03-08',
          dueDate: '2026-03-12',
          dueAt: '2026-03-12T22:59:59.999Z',
        },
      });
    });

    it.each(['residential', 'business'] as const)(
      'AS-11, CAL-5: 2 June skipped: Mon 06-01 → Sat 06-06; restored 06-20 → 14 days → €70.00 capped at €50.00 (%s)',
      (customerType) => {
        const events = play(
          [report(PSA, '2026-06-01T10:00:00+02:00', customerType), '2026-06-01T10:05:00+02:00'],
          [restore('2026-06-20T10:00:00+02:00'), '2026-06-20T10:05:00+02:00'],
          [close(PSA), '2026-06-20T11:00:00+02:00'],
        );
        expect(one(events, 'FaultReported').repairDue.dueDate).toBe('2026-06-06');
        expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
          daysOfDelay: 14,
          daysPaid: 14,
          capCents: 5000,
          amountCents: 5000,
        });
        expect(types(events)).not.toContain('SupplementaryIndemnityAssessmentRequested');
      },
    );

    it('CAL-3: a report on Easter Monday 2026 (a holiday) is day 0 and not counted → due Fri 04-10', () => {
      expect(dueDate('2026-04-06T10:00:00+02:00')).toBe('2026-04-10');
    });

    it('CAL-3: a report on the 1 May holiday → Sat 2 (1), Mon 4, Tue 5, Wed 6 (4)', () => {
      expect(dueDate('2026-05-01T10:00:00+02:00')).toBe('2026-05-06');
    });

    it('CAL-5, EXT-CAL-1: 4 October 2026 (a Sunday) as the report day → due Thu 10-08; the day before → also 10-08', () => {
      expect(dueDate('2026-10-04T10:00:00+02:00')).toBe('2026-10-08');
      expect(dueDate('2026-10-03T10:00:00+02:00')).toBe('2026-10-08');
    });

    it('CAL-5, EXT-CAL-1: Mon 4 October 2027 is skipped: Fri 2027-10-01 → Thu 10-07 (not Wed 10-06)', () => {
      const events = play([report(PSA, '2027-10-01T10:00:00+02:00'), '2027-10-01T10:05:00+02:00']);
      const { repairDue } = one(events, 'FaultReported');
      expect(repairDue.dueDate).toBe('2027-10-07');
      expect(repairDue.days.find((d) => d.date === '2027-10-04')).toMatchObject({
        skipped: 'HOLIDAY',
        holiday: expect.stringMatching(/Francesco/),
      });
    });

    it('CAL-1: the end of the due day follows DST — CEST after the spring change, CET after the autumn one', () => {
      const spring = play([report(PSA, '2026-03-27T10:00:00+01:00'), '2026-03-27T10:05:00+01:00']);
      expect(one(spring, 'FaultReported').repairDue).toMatchObject({
        dueDate: '2026-04-01',
        dueAt: '2026-04-01T21:59:59.999Z',
        dueAtLocal: '2026-04-01T23:59:59.999+02:00',
      });
      const autumn = play([report(PSA, '2026-10-23T10:00:00+02:00'), '2026-10-23T10:05:00+02:00']);
      expect(one(autumn, 'FaultReported').repairDue).toMatchObject({
        dueDate: '2026-10-28',
        dueAt: '2026-10-28T22:59:59.999Z',
        dueAtLocal: '2026-10-28T23:59:59.999+01:00',
      });
    });

    it('CAL-1: a report at 00:30 on Monday in Rome (still Sunday in UTC) has Monday as day 0', () => {
      expect(dueDate('2026-03-08T23:30:00Z')).toBe('2026-03-13');
    });

    it('AS-12, CAL-8, AMB-21: days paused whole are skipped, partly paused days count → due 03-16 instead of 03-13', () => {
      const events = play(
        [report(PSA, '2026-03-09T11:00:00+01:00'), '2026-03-09T11:05:00+01:00'],
        [
          pause(PSA, { pauseId: 'p-1', from: '2026-03-10T14:00:00+01:00' }),
          '2026-03-10T14:05:00+01:00',
        ],
        [resume('p-1', '2026-03-13T09:00:00+01:00'), '2026-03-13T09:05:00+01:00'],
        [restore('2026-03-16T17:00:00+01:00'), '2026-03-16T17:05:00+01:00'],
        [close(PSA), '2026-03-16T18:00:00+01:00'],
      );
      expect(one(events, 'RepairClockPaused')).toMatchObject({
        previousRepairDueAt: '2026-03-13T22:59:59.999Z',
        repairDueAt: null,
        repairDue: { status: 'SUSPENDED', remaining: { value: 3, unit: 'days' } },
      });
      const { repairDue } = one(events, 'RepairClockResumed');
      expect(repairDue).toMatchObject({
        dueDate: '2026-03-16',
        unpausedDueAt: '2026-03-13T22:59:59.999Z',
        pausedDays: 2,
      });
      expect(repairDue.days.map((d) => [d.date, d.ordinal ?? d.skipped, d.partlyPaused])).toEqual([
        ['2026-03-10', 1, true],
        ['2026-03-11', 'PAUSED', false],
        ['2026-03-12', 'PAUSED', false],
        ['2026-03-13', 2, true],
        ['2026-03-14', 3, false],
        ['2026-03-15', 'SUNDAY', false],
        ['2026-03-16', 4, false],
      ]);
      expect(one(events, 'ServiceRestored').onTime).toBe(true);
      expect(one(events, 'RepairIndemnityAssessed').amountCents).toBe(0);
    });

    it('AS-14, FLT-9: linking a fault to a mass-outage incident leaves its deadline as it was (Mon 09-14 → Fri 09-18)', () => {
      const reported = play([
        report(PSA, '2026-09-14T07:30:00+02:00'),
        '2026-09-14T07:35:00+02:00',
      ]);
      spec('2026-09-14T08:00:00+02:00', supervisor)
        .given(reported)
        .when({ type: 'LinkFaultToIncident', incidentId: 'inc-2026-09-14' })
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'FaultLinkedToIncident',
              data: {
                faultId: 'f-1',
                subjectId: 's-1',
                incidentId: 'inc-2026-09-14',
                repairDueAt: '2026-09-18T21:59:59.999Z',
              },
            },
          ]);
          expect(dueOf([...reported, ...events])).toBe('2026-09-18T21:59:59.999Z');
        });
      spec('2026-09-14T08:00:00+02:00')
        .given([
          ...reported,
          ...play(
            [report(PSA, '2026-09-14T07:30:00+02:00'), '2026-09-14T07:35:00+02:00'],
            [
              { type: 'LinkFaultToIncident', incidentId: 'inc-2026-09-14' },
              '2026-09-14T08:00:00+02:00',
            ],
          ).slice(1),
        ])
        .when({ type: 'LinkFaultToIncident', incidentId: 'inc-2026-09-14' })
        .then([]);
    });
  });

  describe('AMB-6, FLT-2 — remote intervention first, then a technician with a badge (SUP-6)', () => {
    const reportedAt = '2026-03-02T09:00:00+01:00';
    const reported = play([report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00']);
    const remote = (id: string): FaultCommand => ({
      type: 'RecordRemoteIntervention',
      interventionId: id,
      performedAt: '2026-03-02T10:00:00+01:00',
      outcome: 'not_resolved',
      notes: 'Reset remoto della linea',
    });
    const schedule = (policy: FaultPolicy): FaultCommand => ({
      type: 'ScheduleTechnicianVisit',
      policy,
      visitId: 'v-1',
      scheduledFor: '2026-03-03T15:00:00+01:00',
    });
    const visit = (
      policy: FaultPolicy,
      p: Partial<RecordTechnicianVisit> = {},
    ): RecordTechnicianVisit => ({
      type: 'RecordTechnicianVisit',
      policy,
      visitId: 'v-1',
      visitedAt: '2026-03-03T15:30:00+01:00',
      badgeId: 'FW-TEC-0042',
      outcome: 'resolved',
      notes: 'Sostituito il modulo ottico',
      onSitePayment: null,
      interventionCostCents: null,
      ...p,
    });
    const withVisit = play(
      [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
      [remote('r-1'), '2026-03-02T10:05:00+01:00'],
      [schedule(FASTWEB), '2026-03-02T10:10:00+01:00'],
    );

    it('records the first remote intervention as such, apart from the restoration', () => {
      const events = play(
        [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
        [remote('r-1'), '2026-03-02T10:05:00+01:00'],
        [remote('r-2'), '2026-03-02T10:05:00+01:00'],
      );
      expect(
        events.filter((e) => e.type === 'RemoteInterventionRecorded').map((e) => e.data),
      ).toEqual([
        expect.objectContaining({
          interventionId: 'r-1',
          first: true,
          performedBy: 'op-1',
          performedAt: '2026-03-02T09:00:00.000Z',
        }),
        expect.objectContaining({ interventionId: 'r-2', first: false }),
      ]);
      expect(stateAfter(events)).toMatchObject({ status: 'open' });
    });

    it('FLT-2: Fastweb refuses a technician visit before any remote intervention; PSA sets no order', () => {
      spec('2026-03-02T10:10:00+01:00')
        .given(reported)
        .when(schedule(FASTWEB))
        .thenRefuses({ ruleId: 'FLT-2', details: { field: 'visitId' } });
      const psa = play([report(PSA, reportedAt), '2026-03-02T09:05:00+01:00']);
      spec('2026-03-02T10:10:00+01:00')
        .given(psa)
        .when(schedule(PSA))
        .then((events) =>
          expect(one(events, 'TechnicianVisitScheduled')).toMatchObject({
            visitId: 'v-1',
            scheduledFor: '2026-03-03T14:00:00.000Z',
            scheduledBy: 'op-1',
          }),
        );
    });

    it('SUP-6: a visit is recorded with the technician’s badge id, or refused', () => {
      spec('2026-03-03T16:00:00+01:00')
        .given(withVisit)
        .when(visit(FASTWEB))
        .then((events) =>
          expect(one(events, 'TechnicianVisitDone')).toMatchObject({
            visitId: 'v-1',
            badgeId: 'FW-TEC-0042',
            visitedAt: '2026-03-03T14:30:00.000Z',
            interventionCost: null,
          }),
        );
      spec('2026-03-03T16:00:00+01:00')
        .given(withVisit)
        .when(visit(FASTWEB, { badgeId: ' ' }))
        .thenRefuses({ ruleId: 'SUP-6', details: { field: 'badgeId' } });
    });

    it('SUP-5, FLT-5: a payment taken on site is refused (Fastweb false, PSA unset); the cost goes on the invoice', () => {
      spec('2026-03-03T16:00:00+01:00')
        .given(withVisit)
        .when(visit(FASTWEB, { onSitePayment: { amountCents: 5000 } }))
        .thenRefuses({ ruleId: 'SUP-5', details: { field: 'onSitePayment' } });
      const psaWithVisit = play(
        [report(PSA, reportedAt), '2026-03-02T09:05:00+01:00'],
        [schedule(PSA), '2026-03-02T10:10:00+01:00'],
      );
      spec('2026-03-03T16:00:00+01:00')
        .given(psaWithVisit)
        .when(visit(PSA, { onSitePayment: { amountCents: 5000 } }))
        .thenRefuses({ ruleId: 'SUP-5', details: { field: 'onSitePayment' } });
      spec('2026-03-03T16:00:00+01:00')
        .given(withVisit)
        .when(visit(FASTWEB, { interventionCostCents: 4900 }))
        .then((events) =>
          expect(one(events, 'TechnicianVisitDone').interventionCost).toEqual({
            amountCents: 4900,
            currency: 'EUR',
            on: 'first_invoice_after_intervention',
          }),
        );
    });

    it('refuses a visit that was never scheduled or is recorded twice', () => {
      spec('2026-03-03T16:00:00+01:00')
        .given(withVisit)
        .when(visit(FASTWEB, { visitId: 'v-9' }))
        .thenRefuses({ kind: 'conflicting_state' });
      const done = play(
        [report(FASTWEB, reportedAt), '2026-03-02T09:05:00+01:00'],
        [remote('r-1'), '2026-03-02T10:05:00+01:00'],
        [schedule(FASTWEB), '2026-03-02T10:10:00+01:00'],
        [visit(FASTWEB), '2026-03-03T16:00:00+01:00'],
      );
      spec('2026-03-03T16:00:00+01:00')
        .given(done)
        .when(visit(FASTWEB))
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('AMB-7, FLT-3 — Fastweb: a complex fault keeps its clock; its indemnity waits for review', () => {
    const reported = play([
      report(FASTWEB, '2026-03-02T09:00:00+01:00'),
      '2026-03-02T09:05:00+01:00',
    ]);

    it('refuses an operator, or a supervisor without reasons', () => {
      spec('2026-03-03T09:00:00Z')
        .given(reported)
        .when(markComplex(FASTWEB))
        .thenRefuses({ ruleId: 'AMB-7', details: { field: 'complexity' } });
      spec('2026-03-03T09:00:00Z', supervisor)
        .given(reported)
        .when(markComplex(FASTWEB, { reasons: [' '] }))
        .thenRefuses({ ruleId: 'AMB-7', details: { field: 'reasons' } });
    });

    it('FLT-10: Fastweb has no exceptional widespread regime', () => {
      spec('2026-03-03T09:00:00Z', supervisor)
        .given(reported)
        .when(markComplex(FASTWEB, { complexity: 'EXCEPTIONAL_WIDESPREAD' }))
        .thenRefuses({ ruleId: 'FLT-10', details: { field: 'complexity' } });
    });

    it('given a supervisor marks it complex, the deadline stays; a late repair is assessed on hold until reviewed', () => {
      const events = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [markComplex(FASTWEB), '2026-03-04T09:00:00+01:00', supervisor],
        [restore('2026-03-08T10:00:00+01:00'), '2026-03-08T10:05:00+01:00'],
        [close(FASTWEB), '2026-03-08T11:00:00+01:00'],
      );
      expect(one(events, 'FaultMarkedComplex')).toMatchObject({
        complexity: 'COMPLEX',
        regime: 'COMPLEX_UNDER_REVIEW',
        rule: 'AMB-7',
        markedBy: 'sup-1',
        indemnityOnHold: true,
        statusPublicationRequired: false,
        previousRepairDueAt: '2026-03-05T08:00:00.000Z',
        repairDueAt: '2026-03-05T08:00:00.000Z',
      });
      expect(one(events, 'ServiceRestored')).toMatchObject({ onTime: false, delay: { days: 4 } });
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        rules: ['CAL-7', 'IND-1', 'IND-2', 'AMB-11', 'AMB-7'],
        amountCents: 2000,
        status: 'on_hold',
      });

      spec('2026-03-09T09:00:00Z')
        .given(events)
        .when({
          type: 'ReviewComplexFaultIndemnity',
          decision: 'approved',
          reason: 'Ritardo imputabile',
        })
        .thenRefuses({ ruleId: 'AMB-7' });
      spec('2026-03-09T09:00:00Z', supervisor)
        .given(events)
        .when({
          type: 'ReviewComplexFaultIndemnity',
          decision: 'denied',
          reason: 'Scavo straordinario',
        })
        .then([
          {
            type: 'ComplexFaultIndemnityReviewed',
            data: {
              faultId: 'f-1',
              subjectId: 's-1',
              decision: 'denied',
              reason: 'Scavo straordinario',
              reviewedBy: 'sup-1',
              amountCents: 2000,
            },
          },
        ]);
    });

    it('refuses a review when nothing is on hold', () => {
      const standard = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-08T10:00:00+01:00'), '2026-03-08T10:05:00+01:00'],
        [close(FASTWEB), '2026-03-08T11:00:00+01:00'],
      );
      spec('2026-03-09T09:00:00Z', supervisor)
        .given(standard)
        .when({ type: 'ReviewComplexFaultIndemnity', decision: 'approved', reason: 'ok' })
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('FLT-8, NTF-7 — PSA: a particularly complex fault has no fixed term', () => {
    it('given a supervisor marks it complex, then the deadline is dropped, the status must be published and no delay accrues', () => {
      const events = play(
        [report(PSA, '2026-03-09T11:00:00+01:00'), '2026-03-09T11:05:00+01:00'],
        [markComplex(PSA), '2026-03-10T09:00:00+01:00', supervisor],
        [
          { type: 'RecordRepairDeadlineMissed', repairDueAt: '2026-03-13T22:59:59.999Z' },
          '2026-03-14T00:00:01+01:00',
        ],
        [restore('2026-03-25T12:00:00+01:00'), '2026-03-25T12:05:00+01:00'],
        [close(PSA), '2026-03-25T13:00:00+01:00'],
      );
      expect(one(events, 'FaultMarkedComplex')).toMatchObject({
        regime: 'NO_FIXED_TERM',
        rule: 'FLT-8',
        indemnityOnHold: false,
        statusPublicationRequired: true,
        previousRepairDueAt: '2026-03-13T22:59:59.999Z',
        repairDueAt: null,
        repairDue: { status: 'NO_FIXED_TERM', rule: 'FLT-8', dueAt: null },
      });
      expect(types(events)).not.toContain('RepairDeadlineMissed');
      expect(one(events, 'ServiceRestored')).toMatchObject({ onTime: null, delay: null });
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        rules: ['FLT-8'],
        amountCents: 0,
        status: 'none',
      });
    });
  });

  describe('FLT-10, IND-9, AMB-15 — PSA: exceptional widespread fault after a storm', () => {
    const storm = markComplex(PSA, {
      complexity: 'EXCEPTIONAL_WIDESPREAD',
      reasons: ['Mareggiata: ripetitori danneggiati'],
      forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: 'DPC-2026-11-05' },
    });
    const reported: Step = [report(PSA, '2026-11-06T10:00:00+01:00'), '2026-11-06T10:05:00+01:00'];

    it('AS-13: force majeure 11-05…11-10, restored 11-18 → the 4-day term does not apply; 15–18 Nov = 4 × €2.50 = €10.00', () => {
      const events = play(
        reported,
        [storm, '2026-11-07T09:00:00+01:00', supervisor],
        [
          {
            type: 'UpdateExceptionalFault',
            forceMajeureEndedOn: '2026-11-10',
            announcedResolutionDate: null,
          },
          '2026-11-11T09:00:00+01:00',
        ],
        [restore('2026-11-18T12:00:00+01:00'), '2026-11-18T12:05:00+01:00'],
        [close(PSA), '2026-11-18T13:00:00+01:00'],
      );
      expect(one(events, 'FaultMarkedComplex')).toMatchObject({
        regime: 'EXCEPTIONAL_WIDESPREAD',
        rule: 'FLT-10',
        previousRepairDueAt: '2026-11-11T22:59:59.999Z',
        repairDueAt: null,
        exceptional: {
          forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: 'DPC-2026-11-05' },
        },
      });
      expect(one(events, 'ServiceRestored')).toMatchObject({ onTime: null, delay: null });
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        indemnityType: 'EXCEPTIONAL_FAULT',
        rules: ['FLT-10', 'IND-9', 'AMB-15'],
        countedFrom: '2026-11-15',
        daysOfDelay: 4,
        dailyCents: 250,
        amountCents: 1000,
        status: 'due',
      });
    });

    it('AMB-15: a communicated resolution date that is missed starts the count earlier (the day after it)', () => {
      const events = play(
        reported,
        [
          {
            ...storm,
            forceMajeure: {
              from: '2026-11-05',
              endedOn: '2026-11-10',
              evidenceRef: 'DPC-2026-11-05',
            },
            announcedResolutionDate: '2026-11-12',
          },
          '2026-11-11T09:00:00+01:00',
          supervisor,
        ],
        [restore('2026-11-18T12:00:00+01:00'), '2026-11-18T12:05:00+01:00'],
        [close(PSA), '2026-11-18T13:00:00+01:00'],
      );
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        countedFrom: '2026-11-13',
        daysOfDelay: 6,
        amountCents: 1500,
      });
    });

    it('AMB-15: the €50.00 cap applies pending a decision', () => {
      const events = play(
        reported,
        [
          {
            ...storm,
            forceMajeure: { from: '2026-11-05', endedOn: '2026-11-10', evidenceRef: 'x' },
          },
          '2026-11-11T09:00:00+01:00',
          supervisor,
        ],
        [restore('2027-01-20T12:00:00+01:00'), '2027-01-20T12:05:00+01:00'],
        [close(PSA), '2027-01-20T13:00:00+01:00'],
      );
      expect(one(events, 'RepairIndemnityAssessed')).toMatchObject({
        daysOfDelay: 67,
        amountCents: 5000,
      });
    });

    it('FLT-10: the force-majeure dates must be real calendar dates, the end not before the start', () => {
      for (const [from, endedOn, field] of [
        ['2026-02-30', null, 'forceMajeure.from'],
        ['2026-13-01', null, 'forceMajeure.from'],
        ['2026-11-05', '2026-11-04', 'forceMajeure.endedOn'],
      ] as const) {
        spec('2026-11-07T09:00:00+01:00', supervisor)
          .given(play(reported))
          .when({ ...storm, forceMajeure: { from, endedOn, evidenceRef: 'DPC' } })
          .thenRefuses({ ruleId: 'FLT-10', details: { field } });
      }
    });

    it('CAL-8: the force majeure needs its evidence', () => {
      spec('2026-11-07T09:00:00+01:00', supervisor)
        .given(play(reported))
        .when({ ...storm, forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: '' } })
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'forceMajeure.evidenceRef' } });
    });
  });

  describe('FLT-4, FLT-7 — out of scope', () => {
    it.each([
      [FASTWEB, 'FLT-4'],
      [PSA, 'FLT-7'],
    ] as const)(
      'closes as out of scope only with a finding, and assesses no indemnity (%#)',
      (policy, rule) => {
        const reported = play([
          report(policy, '2026-03-02T09:00:00+01:00'),
          '2026-03-02T09:05:00+01:00',
        ]);
        spec('2026-03-03T09:00:00Z')
          .given(reported)
          .when(close(policy, 'out_of_scope', null))
          .thenRefuses({ ruleId: rule, details: { field: 'finding' } });
        spec('2026-03-03T09:00:00Z')
          .given(reported)
          .when(close(policy, 'out_of_scope', 'Guasto sul modem del cliente'))
          .then([
            {
              type: 'FaultClosed',
              data: {
                faultId: 'f-1',
                subjectId: 's-1',
                outcome: 'out_of_scope',
                finding: 'Guasto sul modem del cliente',
                closedAt: '2026-03-03T09:00:00.000Z',
              },
            },
          ]);
      },
    );

    it('AMB-6: a fault closes as repaired only once the service is restored', () => {
      const reported = play([
        report(FASTWEB, '2026-03-02T09:00:00+01:00'),
        '2026-03-02T09:05:00+01:00',
      ]);
      spec('2026-03-03T09:00:00Z')
        .given(reported)
        .when(close(FASTWEB))
        .thenRefuses({ kind: 'conflicting_state', ruleId: 'AMB-6' });
    });
  });

  describe('the deadline timer (RepairDeadlineMissed)', () => {
    const reported = play([
      report(FASTWEB, '2026-03-02T09:00:00+01:00'),
      '2026-03-02T09:05:00+01:00',
    ]);
    const fire = (repairDueAt: string): FaultCommand => ({
      type: 'RecordRepairDeadlineMissed',
      repairDueAt,
    });

    it('records the miss only after the due instant, once, and only for the current deadline', () => {
      spec('2026-03-05T08:00:00Z').given(reported).when(fire('2026-03-05T08:00:00.000Z')).then([]);
      spec('2026-03-05T08:00:01Z')
        .given(reported)
        .when(fire('2026-03-05T08:00:00.000Z'))
        .then([
          {
            type: 'RepairDeadlineMissed',
            data: { faultId: 'f-1', subjectId: 's-1', repairDueAt: '2026-03-05T08:00:00.000Z' },
          },
        ]);
      const missed = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [fire('2026-03-05T08:00:00.000Z'), '2026-03-05T08:00:01Z'],
      );
      spec('2026-03-05T09:00:00Z').given(missed).when(fire('2026-03-05T08:00:00.000Z')).then([]);
      const moved = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [
          pause(FASTWEB, {
            pauseId: 'p-1',
            from: '2026-03-03T09:00:00Z',
            to: '2026-03-03T11:00:00Z',
          }),
          '2026-03-03T12:00:00Z',
        ],
      );
      spec('2026-03-05T08:30:00Z').given(moved).when(fire('2026-03-05T08:00:00.000Z')).then([]);
      spec('2026-03-05T08:30:00Z').given([]).when(fire('2026-03-05T08:00:00.000Z')).then([]);
    });

    it('CAL-8: while an open pause suspends the clock there is no deadline to miss', () => {
      const paused = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-03T09:00:00Z' }), '2026-03-03T09:00:00Z'],
      );
      expect(dueOf(paused)).toBeNull();
      spec('2026-03-09T09:00:00Z').given(paused).when(fire('2026-03-05T08:00:00.000Z')).then([]);
    });
  });

  describe('restoring the service', () => {
    it('CAL-8: restoring during a running pause ends the pause at the restoration; QUA-4 repair time net of pauses', () => {
      const events = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [
          pause(FASTWEB, { pauseId: 'p-1', from: '2026-03-03T09:00:00+01:00' }),
          '2026-03-03T09:00:00+01:00',
        ],
        [restore('2026-03-03T15:00:00+01:00'), '2026-03-03T15:05:00+01:00'],
      );
      expect(types(events)).toEqual([
        'FaultReported',
        'RepairClockPaused',
        'RepairClockResumed',
        'ServiceRestored',
      ]);
      expect(one(events, 'RepairClockResumed')).toMatchObject({
        resumedAt: '2026-03-03T14:00:00.000Z',
        repairDueAt: '2026-03-05T14:00:00.000Z',
      });
      expect(one(events, 'ServiceRestored')).toMatchObject({
        onTime: true,
        repairDueAt: '2026-03-05T14:00:00.000Z',
        repairTime: { elapsedMs: 30 * HOUR, netOfPausesMs: 24 * HOUR },
      });
    });

    it('CAL-8: refuses a restoration before a recorded pause ends', () => {
      const paused = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [
          pause(FASTWEB, {
            pauseId: 'p-1',
            from: '2026-03-03T09:00:00+01:00',
            to: '2026-03-03T18:00:00+01:00',
          }),
          '2026-03-03T19:00:00+01:00',
        ],
      );
      spec('2026-03-03T19:00:00+01:00')
        .given(paused)
        .when(restore('2026-03-03T12:00:00+01:00'))
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'restoredAt' } });
    });

    it('refuses a second restoration', () => {
      const restored = play(
        [report(FASTWEB, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-03T12:00:00+01:00'), '2026-03-03T12:05:00+01:00'],
      );
      spec('2026-03-03T13:00:00+01:00')
        .given(restored)
        .when(restore('2026-03-03T12:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('reopening within the policy’s window', () => {
    const closedRepaired = (policy: FaultPolicy) =>
      play(
        [report(policy, '2026-03-02T09:00:00+01:00'), '2026-03-02T09:05:00+01:00'],
        [restore('2026-03-04T12:00:00+01:00'), '2026-03-04T12:05:00+01:00'],
        [close(policy), '2026-03-04T13:00:00+01:00'],
      );
    const reopen = (policy: FaultPolicy): FaultCommand => ({
      type: 'ReopenFault',
      policy,
      reason: 'La linea è di nuovo assente',
    });

    it('given RULES §4.2 sets no reopen window ("—"), then a closed fault is not reopened: a new fault is reported', () => {
      spec('2026-03-05T09:00:00+01:00')
        .given(closedRepaired(FASTWEB))
        .when(reopen(FASTWEB))
        .thenRefuses({ kind: 'conflicting_state', details: { reopenWindowDays: null } });
    });

    it('given a 7-day window, then the fault reopens up to the end of day 7 with its original deadline, missed at once if passed', () => {
      const withWindow = { ...FASTWEB, reopenWindowDays: 7 };
      const closed = closedRepaired(withWindow);
      spec('2026-03-11T23:59:00+01:00')
        .given(closed)
        .when(reopen(withWindow))
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'FaultReopened',
              data: {
                faultId: 'f-1',
                subjectId: 's-1',
                reopenedAt: '2026-03-11T22:59:00.000Z',
                reason: 'La linea è di nuovo assente',
                previousRestoredAt: '2026-03-04T11:00:00.000Z',
                repairDueAt: '2026-03-05T08:00:00.000Z',
              },
            },
            {
              type: 'RepairDeadlineMissed',
              data: { faultId: 'f-1', subjectId: 's-1', repairDueAt: '2026-03-05T08:00:00.000Z' },
            },
          ]);
          expect(stateAfter([...closed, ...events])).toMatchObject({
            status: 'open',
            restoration: null,
            indemnity: null,
          });
        });
      spec('2026-03-12T00:00:00+01:00')
        .given(closed)
        .when(reopen(withWindow))
        .thenRefuses({ kind: 'conflicting_state', details: { reopenWindowDays: 7 } });
    });

    it('closing twice changes nothing', () => {
      spec('2026-03-05T09:00:00+01:00')
        .given(closedRepaired(FASTWEB))
        .when(close(FASTWEB))
        .then([]);
    });
  });

  it('refuses every command on a fault that was never reported', () => {
    spec('2026-03-05T09:00:00Z')
      .given([])
      .when(restore('2026-03-05T08:00:00Z'))
      .thenRefuses({ kind: 'not_found' });
  });
});
