import { DecisionContext, fold } from '@sportello/decider';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { FASTWEB_ACTIVATIONS, PSA_ACTIVATIONS } from '../testing/activation-policies.fixture';
import { ActivationCommand } from './activation.commands';
import { activationDecider } from './activation.decider';
import { AccessKind, ActivationEvent, ActivationService } from './activation.events';

/*
 * A straightforward reference, written apart from @sportello/sla: a solar-day term walks the
 * Europe/Rome days after the start day, skipping days whose every 15-minute slot is paused
 * (CAL-2, CAL-8); Fastweb's deadline is the earlier of the two terms (AMB-8), PSA's is 45 days
 * only for broadband via indirect access without voice (AMB-9).
 */
const ROME = 'Europe/Rome';
const SLOT = 15 * 60_000;
const HOUR = 3_600_000;

interface Span {
  start: number;
  end: number;
}

const paused = (t: number, pauses: readonly Span[]) =>
  pauses.some((p) => p.start <= t && t < p.end);
const midnight = (date: string) => DateTime.fromISO(date, { zone: ROME }).toMillis();
const dayAfter = (date: string) =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as string;

function referenceSolarDue(start: number, days: number, pauses: readonly Span[]): number {
  let date = DateTime.fromMillis(start, { zone: ROME }).toISODate() as string;
  let counted = 0;
  while (counted < days) {
    date = dayAfter(date);
    let wholeDayPaused = true;
    const end = midnight(dayAfter(date));
    for (let t = midnight(date); t < end; t += SLOT) {
      if (!paused(t, pauses)) wholeDayPaused = false;
    }
    if (!wholeDayPaused) counted += 1;
  }
  return midnight(dayAfter(date)) - 1;
}

const FIRST_DAY = DateTime.fromISO('2026-01-01', { zone: ROME });
const supervisor: DecisionContext['actor'] = { id: 'sup-1', roles: ['supervisor'] };
const iso = (ms: number) => new Date(ms).toISOString();

const scenario = fc
  .record({
    psa: fc.boolean(),
    day: fc.integer({ min: 0, max: 640 }),
    slot: fc.integer({ min: 0, max: 95 }),
    checkAfterMinutes: fc.option(fc.integer({ min: 0, max: 90 * 24 * 60 }), { nil: null }),
    services: fc.subarray(['voice', 'broadband', 'ultra_broadband'] as ActivationService[], {
      minLength: 1,
    }),
    access: fc.constantFrom<AccessKind | null>('direct', 'indirect', null),
  })
  .chain((base) => {
    const requestDay = FIRST_DAY.plus({ days: base.day });
    const receivedAt = requestDay.plus({ minutes: base.slot * 15 }).toMillis();
    // Often on a Rome midnight, so that days get paused whole; DST days included.
    const point = fc
      .record({
        day: fc.integer({ min: 0, max: 70 }),
        slot: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 95 })),
      })
      .map((p) => requestDay.plus({ days: p.day, minutes: p.slot * 15 }).toMillis());
    const pauses = fc.array(fc.record({ a: point, b: point }), { maxLength: 3 });
    return fc.record({
      base: fc.constant(base),
      receivedAt: fc.constant(receivedAt),
      pauses: pauses.map((raw) =>
        raw
          .map(({ a, b }) => ({ start: Math.max(Math.min(a, b), receivedAt), end: Math.max(a, b) }))
          .filter((p) => p.end > p.start),
      ),
    });
  });

describe('ACT-1, ACT-2, ACT-9, AMB-8, AMB-9, CAL-2, CAL-8 — activation deadline (property)', () => {
  it('is never before the request, never moves earlier with a pause, and equals the reference (AMB-8: the earlier term wins)', () => {
    fc.assert(
      fc.property(scenario, ({ base, receivedAt, pauses }) => {
        const policy = base.psa ? PSA_ACTIVATIONS : FASTWEB_ACTIVATIONS;
        const checkAt =
          base.checkAfterMinutes === null ? null : receivedAt + base.checkAfterMinutes * 60_000;
        const now = iso(Math.max(receivedAt, checkAt ?? 0, ...pauses.map((p) => p.end)) + HOUR);
        const events: ActivationEvent[] = [];
        const dues: number[] = [];
        const decide = (command: ActivationCommand) => {
          events.push(
            ...activationDecider.decide(command, fold(activationDecider, events), {
              now,
              actor: supervisor,
            }),
          );
          const state = fold(activationDecider, events);
          if (state.status !== 'none' && state.activationDueAt)
            dues.push(Date.parse(state.activationDueAt));
        };
        decide({
          type: 'RequestActivation',
          activationId: 'a-1',
          reference: 'AT-2026-TEST0001',
          policy,
          customer: { subjectId: 's-1', customerType: 'residential', name: 'Anna Neri' },
          requestKind: 'activation',
          services: base.services,
          access: base.access,
          lineId: null,
          address: null,
          channel: 'phone',
          receivedAt: iso(receivedAt),
          relocationFormTermDays: null,
        });
        if (checkAt !== null)
          decide({
            type: 'RecordTechnicalCheck',
            policy,
            outcome: 'positive',
            checkedAt: iso(checkAt),
            reason: null,
          });
        const beforePauses = dues.length;
        pauses.forEach((p, i) =>
          decide({
            type: 'PauseActivationClock',
            policy,
            pauseId: `p-${i}`,
            kind: 'WAITING_ON_CUSTOMER',
            reason: 'Cliente irreperibile',
            evidenceRef: null,
            from: iso(p.start),
            to: iso(p.end),
            approval: { reason: 'Verificato dal supervisore' },
          }),
        );

        for (let i = beforePauses; i < dues.length; i++)
          expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1]);
        const final = fold(activationDecider, events);
        if (final.status === 'none' || final.activationDueAt === null) throw new Error('no due');
        const due = Date.parse(final.activationDueAt);
        expect(due).toBeGreaterThan(receivedAt);

        let reference: number;
        if (base.psa) {
          const indirectBroadband = base.access === 'indirect' && !base.services.includes('voice');
          reference = referenceSolarDue(receivedAt, indirectBroadband ? 45 : 30, pauses);
        } else {
          const fromProposal = referenceSolarDue(receivedAt, 60, pauses);
          reference =
            checkAt === null
              ? fromProposal
              : Math.min(fromProposal, referenceSolarDue(checkAt, 30, pauses));
        }
        expect(due).toBe(reference);
      }),
      { numRuns: 300 },
    );
  });
});
