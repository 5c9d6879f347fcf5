import { CommandHandler } from '@sportello/eventstore';
import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
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

/**
 * The `billing` section of a loaded policy version as a `BillingPolicy`, with no legal rate yet:
 * those are dated parameters an administrator enters (AMB-23). null = the version has none.
 */
export function billingPolicyOf(policy: OperatorPolicy): BillingPolicy | null {
  const billing = policy.billing;
  if (!billing) return null;
  const interest = billing.latePayment.interest;
  return {
    operator: policy.operator,
    version: policy.version,
    invoiceLeadTimeDays: billing.invoiceLeadTimeDays,
    latePayment: {
      ...billing.latePayment,
      interest: interest ? { ...interest, legalRates: [] } : null,
    },
    nonPayment: billing.nonPayment,
  };
}

/** The operator policy catalog says which version is in force and the figures it holds. */
export class CatalogBillingPolicies implements BillingPolicies {
  constructor(
    private readonly catalog: PolicyCatalog,
    private readonly rates: () => Promise<DatedInterestRate[]>,
  ) {}

  async inForce(operator: string, on: CalendarDate): Promise<BillingPolicy | null> {
    const policy = this.catalog.inForce(operator, new Date(startOfRomeDay(on)));
    return policy ? this.byVersion(policy.version) : null;
  }

  async byVersion(version: string): Promise<BillingPolicy | null> {
    const policy = this.catalog.version(version);
    const figures = policy ? billingPolicyOf(policy) : null;
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
