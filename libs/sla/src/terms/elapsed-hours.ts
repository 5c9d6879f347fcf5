import { Pause, mergePauseSpans, toInterval } from '../pauses/pause';
import { romeDateAt } from '../time/calendar-date';
import { CALENDAR_ZONE, Instant, toEpochMs, toIsoRome, toIsoUtc } from '../time/instant';
import { Term } from './term';

export const HOUR_MS = 3_600_000;

export interface ElapsedHoursInput {
  from: Instant;
  hours: number;
  /** CAL-8: the due instant moves later by the paused time (see `dueByElapsedHours`). */
  pauses?: readonly Pause[];
}

/**
 * CAL-6: X + H hours of real elapsed time (so the local due time shifts by an hour across a DST
 * change). CAL-8: the due instant moves later by the paused time, counting a pause only if it
 * begins while the clock still runs — after the start and before the due instant as already
 * moved by earlier pauses. Such a pause counts whole, since the due instant keeps moving while
 * the clock stands still; a pause beginning at or after the due instant cannot revive a term that
 * has run out (Appendix B's plain sum of all pauses would). An open pause that counts leaves the
 * term suspended.
 */
export function dueByElapsedHours({ from, hours, pauses = [] }: ElapsedHoursInput): Term {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`An elapsed-hour term needs a finite number of hours ≥ 0: ${hours}`);
  }
  const start = toEpochMs(from);
  const spans = mergePauseSpans(pauses);
  const unpausedDue = start + Math.round(hours * HOUR_MS);
  const common = {
    kind: 'ELAPSED_HOURS' as const,
    rule: 'CAL-6' as const,
    rules: spans.length > 0 ? ['CAL-1', 'CAL-6', 'CAL-8'] : ['CAL-1', 'CAL-6'],
    timeZone: CALENDAR_ZONE,
    from: toIsoUtc(start),
    startDate: romeDateAt(start),
    length: { value: hours, unit: 'hours' as const },
    pauses: spans.map(toInterval),
    days: [],
  };
  const lead = `${hours} elapsed hour(s) from ${toIsoRome(start)} (CAL-6)`;

  let due = unpausedDue;
  for (const span of spans) {
    if (span.end <= start) continue;
    const pausedFrom = Math.max(span.start, start);
    if (pausedFrom >= due) break;
    if (!Number.isFinite(span.end)) {
      const remaining = due - pausedFrom;
      return {
        ...common,
        status: 'SUSPENDED',
        dueAt: null,
        reason: 'OPEN_PAUSE',
        pausedSince: toIsoUtc(pausedFrom),
        remaining: { value: remaining / HOUR_MS, unit: 'hours' },
        summary:
          `${lead}: suspended since ${toIsoRome(pausedFrom)} by an open pause ` +
          `with ${formatHours(remaining)} left (CAL-8).`,
      };
    }
    due += span.end - pausedFrom;
  }

  const pausedMs = due - unpausedDue;
  return {
    ...common,
    status: 'DUE',
    dueAt: toIsoUtc(due),
    dueAtLocal: toIsoRome(due),
    dueDate: romeDateAt(due),
    unpausedDueAt: toIsoUtc(unpausedDue),
    pausedMs,
    pausedDays: 0,
    summary:
      `${lead}` +
      (pausedMs > 0 ? ` plus ${formatHours(pausedMs)} paused (CAL-8)` : '') +
      `: due ${toIsoRome(due)}.`,
  };
}

function formatHours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
}
