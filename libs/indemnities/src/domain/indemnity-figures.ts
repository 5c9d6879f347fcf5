import { startedYears } from '@sportello/directory/domain/directory-indemnity';
import { daysTouchedBy } from '@sportello/maintenance/domain/notice-indemnity';
import {
  daysBetween,
  daysOfDelayAfterDate,
  daysOfDelayAfterInstant,
  romeDateOf,
} from '@sportello/sla';
import { DayCount, IndemnityFiguresResult, IndemnityTerms } from './indemnity.events';

/** The days a line counts as of `asOf` (the fulfilment, or now while it accrues). */
export function daysCounted(count: DayCount, asOf: string): number {
  switch (count.basis) {
    case 'STARTED_24_HOUR_PERIODS':
      // CAL-7, hour-based terms: every started 24 h after the due instant.
      return daysOfDelayAfterInstant(count.dueAt, asOf);
    case 'CALENDAR_DAYS_AFTER_DUE_DATE':
      // CAL-7, date-based terms: calendar days after the due date through the day of `asOf`.
      return daysOfDelayAfterDate(count.dueDate, asOf);
    case 'CALENDAR_DAYS_FROM_START': {
      // IND-9: every calendar day from the start day through the restoration day.
      const through = romeDateOf(asOf);
      return count.countedFrom && through >= count.countedFrom
        ? daysBetween(count.countedFrom, through) + 1
        : 0;
    }
    case 'CALENDAR_DAYS_TOUCHED':
      // MNT-3, AMB-10: each calendar day the unannounced interruption touched, at least one.
      return daysTouchedBy(count.startedAt, asOf).length;
    case 'FLAT':
    case 'NO_TERM':
      return 0;
  }
}

/**
 * IND-12, CAL-10: days × the daily rate × the multiplier, capped per ticket and type by days
 * and/or amount after multiplying; a flat amount where the policy sets one (IND-3). The
 * regulator's figure is computed beside it and credited instead when it is a floor and higher
 * (AMB-17). Integer cents throughout.
 */
export function indemnityFigures(terms: IndemnityTerms, asOf: string): IndemnityFiguresResult {
  const { rate, count } = terms;
  const days = daysCounted(count, asOf);
  let daysPaid = 0;
  let uncappedCents: number;
  let contractualCents: number;
  let contractualFinal: boolean;
  if (rate.flatCents !== null) {
    uncappedCents = rate.flatCents;
    contractualCents = rate.flatCents;
    contractualFinal = true;
  } else {
    daysPaid = rate.capDays === null ? days : Math.min(days, rate.capDays);
    uncappedCents = days * rate.dailyCents * rate.multiplier;
    const paid = daysPaid * rate.dailyCents * rate.multiplier;
    contractualCents = rate.capCents === null ? paid : Math.min(paid, rate.capCents);
    contractualFinal =
      count.basis === 'NO_TERM' ||
      (rate.capDays !== null && days >= rate.capDays) ||
      (rate.capCents !== null && paid >= rate.capCents);
  }
  const regulatory = terms.regulatory;
  let regulatoryCents: number | null = null;
  if (regulatory?.per === 'DAY')
    regulatoryCents = days * regulatory.unitCents * regulatory.multiplier;
  if (regulatory?.per === 'STARTED_YEAR' && regulatory.from) {
    const to = regulatory.to ?? romeDateOf(asOf);
    regulatoryCents =
      startedYears(regulatory.from, to) * regulatory.unitCents * regulatory.multiplier;
  }
  const floor = regulatory?.applyAsFloor === true && regulatoryCents !== null;
  const creditBasis =
    floor && (regulatoryCents as number) > contractualCents ? 'regulator' : 'contract';
  // A per-day floor keeps growing after the contractual cap (AMB-17: no cap is stated).
  const final = contractualFinal && !(floor && regulatory?.per === 'DAY');
  return {
    days,
    daysPaid,
    uncappedCents,
    contractualCents,
    regulatoryCents,
    creditedCents: creditBasis === 'regulator' ? (regulatoryCents as number) : contractualCents,
    creditBasis,
    final,
    supplementaryAssessment:
      terms.supplementaryBeyondDays !== null && days > terms.supplementaryBeyondDays,
  };
}

/** An auditor's check: the figures recorded on an `IndemnityAssessed` follow from its inputs. */
export function recomputesFromItsInputs(data: {
  terms: IndemnityTerms;
  inputs: { fulfilledAt: string };
  figures: IndemnityFiguresResult;
}): { matches: boolean; recomputed: IndemnityFiguresResult } {
  const recomputed = indemnityFigures(data.terms, data.inputs.fulfilledAt);
  const keys = Object.keys(recomputed) as (keyof IndemnityFiguresResult)[];
  return { matches: keys.every((k) => recomputed[k] === data.figures[k]), recomputed };
}
