/**
 * EXT-PRV-1: a data-subject request is answered within one month of receipt, extendable by two
 * further months. A month ends on the same day number of the next month, or on its last day when
 * that month is shorter (2026-01-31 → 2026-02-28) [Convention]. Dates are Europe/Rome calendar
 * dates; the receipt instant's Rome date is computed by the caller.
 */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function requestDueOn(receivedOn: string, extended = false): string {
  return addMonthsClamped(receivedOn, extended ? 3 : 1);
}

const ROME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Rome calendar date of an instant. */
export function romeDateOf(instant: string): string {
  return ROME.format(new Date(instant));
}
