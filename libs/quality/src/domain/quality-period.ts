import { addDays } from '@sportello/sla';

/** A reporting period (QUA-1, EXT-QUA-1: half-years and years), as inclusive Rome dates. */
export interface QualityPeriod {
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) =>
  addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);

/** `2026`, `2026-H1`, `2026-H2`, `2026-Q3` or `2026-05`; null if not one of these. */
export function periodOf(label: string): QualityPeriod | null {
  const year = /^(\d{4})$/.exec(label);
  if (year) return { label, from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const half = /^(\d{4})-H([12])$/.exec(label);
  if (half) {
    const y = Number(half[1]);
    return half[2] === '1'
      ? { label, from: `${y}-01-01`, to: `${y}-06-30` }
      : { label, from: `${y}-07-01`, to: `${y}-12-31` };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const y = Number(quarter[1]);
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { label, from: `${y}-${pad(first)}-01`, to: lastDayOf(y, first + 2) };
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    return { label, from: `${y}-${pad(m)}-01`, to: lastDayOf(y, m) };
  }
  return null;
}
