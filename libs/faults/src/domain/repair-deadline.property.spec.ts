import { DecisionContext, fold } from '@sportello/decider';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { FASTWEB_FAULTS, PSA_FAULTS } from '../testing/fault-policies.fixture';
import { FaultCommand } from './fault.commands';
import { faultDecider } from './fault.decider';
import { FaultEvent } from './fault.events';
import { FaultPolicy } from './fault.policy';

/*
 * A straightforward reference, written apart from @sportello/sla: the clock ticks in 15-minute
 * slots that no pause covers (72 h = 288 ticks); the PSA count walks the days after the report
 * day, skipping Sundays, the Appendix A holidays and days whose every slot is paused.
 */
const ROME = 'Europe/Rome';
const SLOT = 15 * 60_000;
const APPENDIX_A = new Set([
  '2026-01-01', '2026-01-06', '2026-04-05', '2026-04-06', '2026-04-25', '2026-05-01',
  '2026-06-02', '2026-08-15', '2026-10-04', '2026-11-01', '2026-12-08', '2026-12-25',
  '2026-12-26', '2027-01-01', '2027-01-06', '2027-03-28', '2027-03-29', '2027-04-25',
  '2027-05-01', '2027-06-02', '2027-08-15', '2027-10-04', '2027-11-01', '2027-12-08',
  '2027-12-25', '2027-12-26',
]); // prettier-ignore

interface Span {
  start: number;
  end: number;
}

const paused = (t: number, pauses: readonly Span[]) =>
  pauses.some((p) => p.start <= t && t < p.end);

function referenceElapsedDue(report: number, hours: number, pauses: readonly Span[]): number {
  let ticks = 0;
  let t = report;
  while (ticks < (hours * 3_600_000) / SLOT) {
    if (!paused(t, pauses)) ticks += 1;
    t += SLOT;
  }
  return t;
}

const midnight = (date: string) => DateTime.fromISO(date, { zone: ROME }).toMillis();
const dayAfter = (date: string) =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as string;

function referenceNthNonHolidayDue(report: number, n: number, pauses: readonly Span[]): number {
  let date = DateTime.fromMillis(report, { zone: ROME }).toISODate() as string;
  let count = 0;
  while (count < n) {
    date = dayAfter(date);
    const sunday = DateTime.fromISO(date, { zone: 'UTC' }).weekday === 7;
    let wholeDayPaused = true;
    const end = midnight(dayAfter(date));
    for (let t = midnight(date); t < end; t += SLOT) {
      if (!paused(t, pauses)) wholeDayPaused = false;
    }
    if (!sunday && !APPENDIX_A.has(date) && !wholeDayPaused) count += 1;
  }
  return midnight(dayAfter(date)) - 1;
}

const reference = (policy: FaultPolicy, report: number, pauses: readonly Span[]) =>
  policy.repair.termKind === 'ELAPSED_HOURS'
    ? referenceElapsedDue(report, policy.repair.term, pauses)
    : referenceNthNonHolidayDue(report, policy.repair.term, pauses);

const FIRST_DAY = DateTime.fromISO('2026-01-01', { zone: ROME });
// Report days stay far enough inside Appendix A for every walk to end within 2027.
const LAST_DAY = 680;

const scenario = fc
  .record({
    psa: fc.boolean(),
    day: fc.integer({ min: 0, max: LAST_DAY }),
    slot: fc.integer({ min: 0, max: 95 }),
  })
  .chain(({ psa, day, slot }) => {
    const reportDay = FIRST_DAY.plus({ days: day });
    const report = reportDay.plus({ minutes: slot * 15 }).toMillis();
    // Often on a Rome midnight, so that PSA days get paused whole; DST days included.
    const point = fc
      .record({
        day: fc.integer({ min: 0, max: 12 }),
        slot: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 95 })),
      })
      .map((p) => reportDay.plus({ days: p.day, minutes: p.slot * 15 }).toMillis());
    const pauses = fc.array(fc.record({ a: point, b: point, open: fc.boolean() }), {
      maxLength: 5,
    });
    return fc.record({
      policy: fc.constant(psa ? PSA_FAULTS : FASTWEB_FAULTS),
      report: fc.constant(report),
      pauses: pauses.map((raw) =>
        raw
          .map(({ a, b, open }) => ({
            start: Math.max(Math.min(a, b), report),
            end: Math.max(a, b),
            open,
          }))
          .filter((p) => p.end > p.start),
      ),
    });
  });

const supervisor: DecisionContext['actor'] = { id: 'sup-1', roles: ['supervisor'] };
const iso = (ms: number) => new Date(ms).toISOString();

describe('CAL-8, FLT-2, FLT-6 — repair deadline over random pause sets (property)', () => {
  it('never moves earlier, and equals the reference computation', () => {
    fc.assert(
      fc.property(scenario, ({ policy, report, pauses }) => {
        const now = iso(Math.max(report, ...pauses.map((p) => p.end)) + 3_600_000);
        const events: FaultEvent[] = [];
        const dues: number[] = [];
        const decide = (command: FaultCommand, at: string) => {
          events.push(
            ...faultDecider.decide(command, fold(faultDecider, events), {
              now: at,
              actor: supervisor,
            }),
          );
          const state = fold(faultDecider, events);
          if (state.status !== 'none' && state.repairDueAt)
            dues.push(Date.parse(state.repairDueAt));
        };

        decide(
          {
            type: 'ReportFault',
            faultId: 'f-1',
            reference: 'GU-2026-TEST0001',
            policy,
            customer: { subjectId: 's-1', customerType: 'residential', name: 'Anna Neri' },
            lineId: 'LINE-1',
            service: 'broadband',
            channel: 'phone',
            description: 'Linea assente',
            reportedAt: iso(report),
          },
          iso(report + 60_000),
        );
        const unpaused = dues[0];
        expect(unpaused).toBe(reference(policy, report, []));

        // Recorded in random order, some as a running pause resumed later; late ones approved.
        pauses.forEach((p, i) => {
          const pause = {
            type: 'PauseRepairClock' as const,
            policy,
            pauseId: `p-${i}`,
            kind: 'WAITING_ON_CUSTOMER' as const,
            reason: 'Cliente irreperibile',
            evidenceRef: null,
            from: iso(p.start),
            approval: { reason: 'Verificato dal supervisore' },
          };
          if (p.open) {
            decide({ ...pause, to: null }, now);
            decide({ type: 'ResumeRepairClock', pauseId: `p-${i}`, resumedAt: iso(p.end) }, now);
          } else {
            decide({ ...pause, to: iso(p.end) }, now);
          }
        });

        for (let i = 1; i < dues.length; i++) expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1]);
        const final = fold(faultDecider, events);
        if (final.status === 'none' || final.repairDueAt === null) throw new Error('no deadline');
        const due = Date.parse(final.repairDueAt);
        expect(due).toBeGreaterThanOrEqual(unpaused);
        expect(due).toBe(reference(policy, report, pauses));
      }),
      { numRuns: 300 },
    );
  });
});
