import { indemnityFigures } from '../indemnity-figures';
import { IndemnityAssessed, IndemnityTerms } from '../indemnity.events';

export type AssessmentFacts = Omit<IndemnityAssessed['data'], 'figures' | 'rules' | 'summary'>;

const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;

const BASIS_WORDS: Record<IndemnityTerms['count']['basis'], string> = {
  STARTED_24_HOUR_PERIODS: 'started 24-hour periods after the due instant (CAL-7)',
  CALENDAR_DAYS_AFTER_DUE_DATE: 'calendar days after the due date (CAL-7)',
  CALENDAR_DAYS_FROM_START: 'calendar days from the start day through the restoration (IND-9)',
  CALENDAR_DAYS_TOUCHED: 'calendar days touched by the interruption (MNT-3)',
  FLAT: 'flat amount, whatever the duration (IND-3)',
  NO_TERM: 'no fixed term (FLT-8)',
};

/** IND-12: the final figure of a line from its inputs, with the rules it applied. */
export function assessIndemnity(facts: AssessmentFacts): IndemnityAssessed['data'] {
  const { terms } = facts;
  const figures = indemnityFigures(terms, facts.inputs.fulfilledAt);
  const rules = [
    ...terms.rate.rules,
    ...(terms.regulatory?.rules ?? []),
    ...(terms.regulatory?.applyAsFloor ? ['AMB-17'] : []),
    ...(facts.hold ? ['AMB-7'] : []),
    ...(figures.supplementaryAssessment ? ['IND-2', 'AMB-11'] : []),
    ...facts.payout.rules,
    'CAL-10',
    'IND-12',
  ];
  const { rate } = terms;
  const daily =
    rate.flatCents !== null
      ? `flat ${euro(rate.flatCents)}`
      : `${figures.days} day(s) × ${euro(rate.dailyCents)}` +
        (rate.multiplier > 1 ? ` × ${rate.multiplier}` : '') +
        (figures.contractualCents < figures.uncappedCents ? ', capped' : '');
  const regulatory =
    figures.regulatoryCents === null
      ? ''
      : `; regulatory ${terms.regulatory?.applyAsFloor ? 'floor' : 'reference'} ${euro(figures.regulatoryCents)}`;
  return {
    ...facts,
    figures,
    rules: [...new Set(rules)],
    summary:
      `${BASIS_WORDS[terms.count.basis]}: contractual ${euro(figures.contractualCents)} (${daily})` +
      `${regulatory}; credited ${euro(figures.creditedCents)} on the ` +
      `${figures.creditBasis === 'regulator' ? "regulator's" : 'contractual'} basis` +
      (facts.hold ? ', held for review (AMB-7)' : '') +
      (figures.supplementaryAssessment ? ', supplementary assessment open (AMB-11)' : '') +
      '.',
  };
}
