import { CalendarDate } from '@sportello/sla';

/** A monthly billing period, written `YYYY-MM` (a month of the Europe/Rome calendar). */
export type BillingPeriod = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
] as const;

export function isBillingPeriod(value: string): boolean {
  return PERIOD.test(value);
}

function parts(period: BillingPeriod): [number, number] {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`Not a billing period (YYYY-MM): ${period}`);
  return [Number(match[1]), Number(match[2])];
}

/** Month count since year 0: periods compare and add as plain integers. */
function index(period: BillingPeriod): number {
  const [year, month] = parts(period);
  return year * 12 + (month - 1);
}

function fromIndex(value: number): BillingPeriod {
  const year = Math.floor(value / 12);
  const month = (value % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function comparePeriods(a: BillingPeriod, b: BillingPeriod): number {
  return index(a) - index(b);
}

export function addMonths(period: BillingPeriod, months: number): BillingPeriod {
  return fromIndex(index(period) + months);
}

export function periodOf(date: CalendarDate): BillingPeriod {
  return date.slice(0, 7);
}

export function firstDayOf(period: BillingPeriod): CalendarDate {
  parts(period);
  return `${period}-01`;
}

export function daysInMonth(period: BillingPeriod): number {
  const [year, month] = parts(period);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * AMB-28: the same day of the following month; a day the month lacks (31 January) becomes its
 * last day (28 or 29 February), never a day of the month after.
 */
export function sameDayNextMonth(date: CalendarDate): CalendarDate {
  const next = addMonths(periodOf(date), 1);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(next));
  return `${next}-${String(day).padStart(2, '0')}`;
}

/** `febbraio 2026`: how the month recovered is written on the customer's invoice. */
export function italianMonthName(period: BillingPeriod): string {
  const [year, month] = parts(period);
  return `${MONTHS_IT[month - 1]} ${year}`;
}
