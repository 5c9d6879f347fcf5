import { ConflictingState, Decider, DomainEvent, RuleViolation } from '@sportello/decider';
import { CalendarDate } from '@sportello/sla';
import { DatedInterestRate } from './billing.policy';

/**
 * AMB-23: the legal interest rate is a dated parameter that changes every year, entered by an
 * administrator; the usury threshold (Law 108/1996) travels with it when known.
 */
export type LegalInterestRateSet = DomainEvent<
  'LegalInterestRateSet',
  {
    from: CalendarDate;
    legalRateBasisPoints: number;
    usuryThresholdBasisPoints: number | null;
    source: string;
  }
>;

export type SetLegalInterestRate = {
  type: 'SetLegalInterestRate';
  from: CalendarDate;
  legalRateBasisPoints: number;
  usuryThresholdBasisPoints: number | null;
  source: string;
};

export type LegalInterestRatesState = { rates: DatedInterestRate[] };

export const legalInterestRatesDecider: Decider<
  SetLegalInterestRate,
  LegalInterestRateSet,
  LegalInterestRatesState
> = {
  initialState: () => ({ rates: [] }),
  evolve: (state, event) => ({
    rates: [...state.rates.filter((r) => r.from !== event.data.from), { ...event.data }].sort(
      (a, b) => a.from.localeCompare(b.from),
    ),
  }),
  decide(command, state) {
    const { type: _type, ...rate } = command;
    if (rate.usuryThresholdBasisPoints !== null && rate.usuryThresholdBasisPoints <= 0)
      throw new RuleViolation('BIL-4', 'The usury threshold must be positive', {
        field: 'usuryThresholdBasisPoints',
      });
    const existing = state.rates.find((r) => r.from === rate.from);
    const same =
      existing &&
      existing.legalRateBasisPoints === rate.legalRateBasisPoints &&
      existing.usuryThresholdBasisPoints === rate.usuryThresholdBasisPoints &&
      existing.source === rate.source;
    if (same) return [];
    if (existing)
      throw new ConflictingState(
        `A legal rate from ${rate.from} is already set; assessments already made used it`,
        { from: rate.from },
        'BIL-4',
      );
    return [{ type: 'LegalInterestRateSet', data: rate }];
  },
};
