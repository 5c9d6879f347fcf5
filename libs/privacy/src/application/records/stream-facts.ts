import { FoldedEvent } from '@sportello/decider';
import { StoredEvent } from '@sportello/eventstore';
import { BillingAccountEvent } from '@sportello/billing/domain/billing-account.events';
import {
  balanceOf,
  evolveBillingAccount,
  initialBillingAccountState,
  isPending,
} from '@sportello/billing/domain/billing-account.state';
import { operatorOfPolicyVersion, PrivacyPolicy, streamKindOf } from '../../domain/privacy-policy';
import { StreamFacts, streamFacts } from '../../domain/subject-streams';

/** Invoices not paid in full or with a dispute pending, from the stored (sealed) events. */
function openInvoices(events: StoredEvent[]): string[] {
  let state = initialBillingAccountState();
  for (const event of events)
    state = evolveBillingAccount(state, {
      type: event.type,
      data: event.data,
    } as FoldedEvent<BillingAccountEvent>);
  if (state.status === 'none') return [];
  return state.invoices
    .filter((i) => balanceOf(i).outstandingCents > 0 || i.disputes.some(isPending))
    .map((i) => i.number);
}

/** What the privacy rules need to know of a stream, from its stored events: never decrypted. */
export function factsOfStream(
  policy: PrivacyPolicy,
  stream: string,
  events: StoredEvent[],
): StreamFacts {
  const kind = streamKindOf(policy, stream)?.kind ?? null;
  const billing = policy.legalHolds.some(
    (h) => h.kind === 'billing-open-items' && kind !== null && h.streamKinds.includes(kind),
  );
  return streamFacts(
    policy,
    stream,
    events.map((e) => ({
      type: e.type,
      occurredAt: String(e.metadata.occurredAt),
      policyVersion: (e.metadata.policyVersion as string | null | undefined) ?? null,
    })),
    operatorOfPolicyVersion,
    billing ? openInvoices(events) : [],
  );
}
