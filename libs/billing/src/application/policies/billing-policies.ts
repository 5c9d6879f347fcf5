import { CommandHandler } from '@sportello/eventstore';
import { PolicyCatalog } from '@sportello/policies';
import { CalendarDate, startOfRomeDay } from '@sportello/sla';
import { BillingPolicy, DatedInterestRate } from '../../domain/billing.policy';
import { legalInterestRatesDecider } from '../../domain/legal-interest-rates';

/** The billing figures an invoice is judged by, with the legal rates entered so far. */
export interface BillingPolicies {
  /** CAL-9: the operator's version in force on that calendar day. */
  inForce(operator: string, on: CalendarDate): Promise<BillingPolicy | null>;
  byVersion(version: string): Promise<BillingPolicy | null>;
}

export const BILLING_POLICIES = Symbol('BILLING_POLICIES');

/** One stream holds the dated legal rates (AMB-23): small, read whole. */
export const LEGAL_INTEREST_RATES_STREAM = 'billing_legal_interest_rates';

export async function legalInterestRates(handler: CommandHandler): Promise<DatedInterestRate[]> {
  const { state } = await handler.load(legalInterestRatesDecider, LEGAL_INTEREST_RATES_STREAM);
  return state.rates;
}

/** The operator policy catalog says which version is in force; the figures say what it holds. */
export class CatalogBillingPolicies implements BillingPolicies {
  constructor(
    private readonly catalog: PolicyCatalog,
    private readonly figures: Record<string, BillingPolicy>,
    private readonly rates: () => Promise<DatedInterestRate[]>,
  ) {}

  async inForce(operator: string, on: CalendarDate): Promise<BillingPolicy | null> {
    const policy = this.catalog.inForce(operator, new Date(startOfRomeDay(on)));
    return policy ? this.byVersion(policy.version) : null;
  }

  async byVersion(version: string): Promise<BillingPolicy | null> {
    const figures = this.figures[version];
    if (!figures) return null;
    const interest = figures.latePayment.interest;
    if (!interest) return figures;
    return {
      ...figures,
      latePayment: {
        ...figures.latePayment,
        interest: { ...interest, legalRates: [...interest.legalRates, ...(await this.rates())] },
      },
    };
  }
}
