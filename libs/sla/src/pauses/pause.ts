import { Instant, toEpochMs, toIsoUtc } from '../time/instant';

/** A stretch during which an SLA clock stands still (CAL-8), from `start` up to but excluding
 * `end`; `end: null` means the pause is still open. Reasons and approvals are the caller's. */
export interface Pause {
  start: Instant;
  end: Instant | null;
}

/** A merged pause in ISO UTC. */
export interface PauseInterval {
  start: string;
  end: string | null;
}

/** A pause as epoch ms; an open pause ends at +Infinity. */
export interface PauseSpan {
  start: number;
  end: number;
}

/** CAL-8: overlapping or adjacent pauses become one; empty ones vanish; sorted by start. */
export function mergePauseSpans(pauses: readonly Pause[]): PauseSpan[] {
  const spans = pauses
    .map(toSpan)
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: PauseSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** CAL-8: the pauses as the rules see them, merged, in ISO UTC. */
export function mergePauses(pauses: readonly Pause[]): PauseInterval[] {
  return mergePauseSpans(pauses).map(toInterval);
}

export function toInterval(span: PauseSpan): PauseInterval {
  return {
    start: toIsoUtc(span.start),
    end: Number.isFinite(span.end) ? toIsoUtc(span.end) : null,
  };
}

function toSpan(pause: Pause): PauseSpan {
  const start = toEpochMs(pause.start);
  const end = pause.end === null ? Infinity : toEpochMs(pause.end);
  if (end < start) {
    throw new RangeError(
      `A pause cannot end before it starts: ${toIsoUtc(start)} → ${toIsoUtc(end)}`,
    );
  }
  return { start, end };
}

/** How merged pauses cover one Europe/Rome day, given as [dayStart, dayEnd) in epoch ms
 * (00:00–24:00 local: 23 or 25 hours on DST days). */
export type DayCoverage = 'NONE' | 'PART' | 'WHOLE' | 'WHOLE_AND_OPEN';

export function coverageOf(
  dayStart: number,
  dayEnd: number,
  merged: readonly PauseSpan[],
): DayCoverage {
  let coverage: DayCoverage = 'NONE';
  for (const span of merged) {
    // Merged spans neither overlap nor touch, so a day paused whole lies inside a single span.
    if (span.start <= dayStart && span.end >= dayEnd) {
      return Number.isFinite(span.end) ? 'WHOLE' : 'WHOLE_AND_OPEN';
    }
    if (span.start < dayEnd && span.end > dayStart) coverage = 'PART';
  }
  return coverage;
}
