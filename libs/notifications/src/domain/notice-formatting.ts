/** Formatting for notice texts: Italian conventions, Europe/Rome calendar. */

const ROME_DATE = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** An instant as the calendar date in Rome (`2026-04-16T21:59:59.999Z` → `16/04/2026`). */
export function romeDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instant}`);
  return ROME_DATE.format(ms);
}

/** A calendar date (`2026-05-19`) as `19/05/2026`. */
export function italianDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** Integer euro cents as `1.234,56 €`, without floating point. */
export function euros(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`Not integer cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${units},${String(abs % 100).padStart(2, '0')} €`;
}
