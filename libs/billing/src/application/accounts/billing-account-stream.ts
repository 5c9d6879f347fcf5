import { NotFound } from '@sportello/decider';
import { DomainEvent } from '@sportello/decider';
import { EventMetadataInput } from '@sportello/eventstore';
import { OpenBillingAccountState } from '../../domain/billing-account.state';
import { BillingPolicy } from '../../domain/billing.policy';
import { BillingPolicies } from '../policies/billing-policies';

export const BILLING_ACCOUNT_STREAM_PREFIX = 'billing-account-';

export function billingAccountStream(accountId: string): string {
  return `${BILLING_ACCOUNT_STREAM_PREFIX}${accountId}`;
}

/** CAL-9: the version the invoice pinned when it was issued, with today's known legal rates. */
export async function pinnedPolicy(
  policies: BillingPolicies,
  state: OpenBillingAccountState,
  invoiceNumber: string,
): Promise<BillingPolicy> {
  const invoice = state.invoices.find((i) => i.number === invoiceNumber);
  if (!invoice) throw new NotFound('Invoice', invoiceNumber);
  const policy = await policies.byVersion(invoice.policyVersion);
  if (!policy) throw new Error(`Billing policy ${invoice.policyVersion} is no longer loaded`);
  return policy;
}

/** Every account event names its data subject by id, so exports and erasure find it. */
export function accountMetadata(
  state: { subjectId: string },
  policyVersion: string | null,
): (event: DomainEvent) => Partial<Pick<EventMetadataInput, 'policyVersion' | 'subjectIds'>> {
  return () => ({ policyVersion, subjectIds: [state.subjectId] });
}
