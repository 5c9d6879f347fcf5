import {
  DueTerm,
  Pause,
  Term,
  dueByElapsedHours,
  dueByNonHolidayDays,
  mergePauses,
} from '@sportello/sla';
import { RecordedPause, RepairDeadline, RepairRegime, RepairTerm } from './fault.events';
import { FaultPolicy } from './fault.policy';

export function repairTermOf(policy: FaultPolicy): RepairTerm {
  return {
    kind: policy.repair.termKind,
    value: policy.repair.term,
    rule: policy.repair.rule,
    clause: policy.repair.clause,
  };
}

export const hasFixedTerm = (regime: RepairRegime): boolean =>
  regime === 'STANDARD' || regime === 'COMPLEX_UNDER_REVIEW';

const asSlaPauses = (pauses: readonly RecordedPause[]): Pause[] =>
  pauses.map((p) => ({ start: p.from, end: p.to }));

function slaTerm(term: RepairTerm, reportedAt: string, pauses: readonly Pause[]): Term {
  // FLT-2, CAL-6: elapsed hours; FLT-6, CAL-3: end of the Nth non-holiday day after the report day.
  return term.kind === 'ELAPSED_HOURS'
    ? dueByElapsedHours({ from: reportedAt, hours: term.value, pauses })
    : dueByNonHolidayDays({ from: reportedAt, days: term.value, pauses });
}

/**
 * The repair deadline of a fault with its explanation: the pinned term (CAL-9), shifted by the
 * CAL-8 pauses as `@sportello/sla` counts them (merged; hour terms move by the paused time,
 * day terms skip days paused whole), or no fixed term under FLT-8 / FLT-10.
 */
export function repairDeadline(
  term: RepairTerm,
  reportedAt: string,
  pauses: readonly RecordedPause[],
  regime: RepairRegime,
): RepairDeadline {
  const unpaused = slaTerm(term, reportedAt, []) as DueTerm;
  const computed = slaTerm(term, reportedAt, asSlaPauses(pauses));
  const common = {
    rule: term.rule,
    clause: term.clause,
    termKind: term.kind,
    term: term.value,
    unit: term.kind === 'ELAPSED_HOURS' ? ('hours' as const) : ('days' as const),
    reportedAt: computed.from,
    reportDate: computed.startDate,
    unpausedDueAt: unpaused.dueAt,
    pauses: pauses.map(({ pauseId, kind, from, to }) => ({ pauseId, kind, from, to })),
    mergedPauses: mergePauses(asSlaPauses(pauses)),
  };
  const none = {
    dueAt: null,
    dueAtLocal: null,
    dueDate: null,
    pausedMs: 0,
    pausedDays: 0,
    pausedSince: null,
    remaining: null,
  };
  if (!hasFixedTerm(regime)) {
    const rule = regime === 'NO_FIXED_TERM' ? 'FLT-8' : 'FLT-10';
    return {
      ...common,
      ...none,
      rule,
      status: 'NO_FIXED_TERM',
      days: [],
      rules: [rule],
      summary:
        regime === 'NO_FIXED_TERM'
          ? 'Particularly complex fault: no fixed repair term, repaired as fast as possible (FLT-8).'
          : 'Exceptional widespread fault: the IND-9 regime applies instead of the repair term (FLT-10).',
    };
  }
  const rules = [term.rule, ...computed.rules];
  const summary = `${term.rule} (${term.clause}): ${computed.summary}`;
  if (computed.status === 'SUSPENDED') {
    return {
      ...common,
      ...none,
      status: 'SUSPENDED',
      pausedSince: computed.pausedSince,
      remaining: { ...computed.remaining },
      days: [...computed.days],
      rules,
      summary,
    };
  }
  return {
    ...common,
    status: 'DUE',
    dueAt: computed.dueAt,
    dueAtLocal: computed.dueAtLocal,
    dueDate: computed.dueDate,
    pausedMs: computed.pausedMs,
    pausedDays: computed.pausedDays,
    pausedSince: null,
    remaining: null,
    days: [...computed.days],
    rules,
    summary,
  };
}

/** QUA-4: time from `from` to `to` not covered by any (merged) pause. */
export function unpausedMs(from: string, to: string, pauses: readonly RecordedPause[]): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  let paused = 0;
  for (const p of mergePauses(asSlaPauses(pauses))) {
    const a = Math.max(start, Date.parse(p.start));
    const b = Math.min(end, p.end === null ? end : Date.parse(p.end));
    if (b > a) paused += b - a;
  }
  return Math.max(0, end - start - paused);
}
