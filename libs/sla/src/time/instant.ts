import { DateTime, IANAZone } from 'luxon';

/** CAL-1: every calendar computation happens in this zone. */
export const CALENDAR_ZONE = 'Europe/Rome' as const;

export const ROME = IANAZone.create(CALENDAR_ZONE);

/** A point in time: a `Date`, or an ISO 8601 string that states its offset (`Z` or `±hh:mm`). */
export type Instant = Date | string;

const ISO_INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[^Z+-]*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Milliseconds since the epoch; refuses strings without an offset, whose meaning would depend
 * on the machine's zone. */
export function toEpochMs(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Not an instant: Invalid Date');
    return ms;
  }
  if (!ISO_INSTANT_WITH_OFFSET.test(instant)) {
    throw new RangeError(`Not an ISO instant with an explicit offset: ${instant}`);
  }
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`Not an instant: ${instant}`);
  return parsed.toMillis();
}

export function isInstantString(value: string): boolean {
  return ISO_INSTANT_WITH_OFFSET.test(value);
}

export function toIsoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The same instant written with its Europe/Rome offset, e.g. `2026-03-31T11:00:00.000+02:00`. */
export function toIsoRome(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: ROME }).toISO() as string;
}
