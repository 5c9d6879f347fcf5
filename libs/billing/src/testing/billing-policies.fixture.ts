/** Billing policy figures for tests: the shipped `policies/*.json` (RULES §4.6), as loaded. */
import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { billingPolicyOf } from '../application/policies/billing-policies';
import { BillingPolicy, DatedInterestRate } from '../domain/billing.policy';

/** AS-26: a TEST VALUE for the 2026 legal rate, not a statement of the real rate. */
export const TEST_LEGAL_RATE_2026: DatedInterestRate = {
  from: '2026-01-01',
  legalRateBasisPoints: 200,
  usuryThresholdBasisPoints: null,
  source: 'TEST VALUE (RULES AS-26), not the real 2026 legal rate',
};

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));

function shipped(version: string): BillingPolicy {
  const policy = catalog.version(version);
  const figures = policy ? billingPolicyOf(policy) : null;
  if (!figures) throw new Error(`policies/: ${version} has no billing section`);
  return figures;
}

const fastweb = shipped('FASTWEB@cds-2017');

/** FASTWEB@cds-2017 with the test legal rate entered (AMB-23, AS-26). */
export const FASTWEB_BILLING: BillingPolicy = {
  ...fastweb,
  latePayment: {
    ...fastweb.latePayment,
    interest: { ...fastweb.latePayment.interest!, legalRates: [TEST_LEGAL_RATE_2026] },
  },
};

export const PSA_BILLING: BillingPolicy = shipped('PSA@cds');
