import { PrivacyPolicy, streamKindOf } from './privacy-policy';

/** What the privacy rules need to know of one stream of a subject: never personal data. */
export interface StreamFacts {
  stream: string;
  kind: string | null;
  operator: string | null;
  openedAt: string | null;
  /** For a ticket: when it was last closed, null while open. Null for a stream that is not a ticket. */
  closedAt: string | null;
  isTicket: boolean;
  /** The last occurrence (ISO instant) of each event type in the stream. */
  lastAt: Record<string, string>;
  /** Open billing items (invoice numbers), where the stream kind has them. */
  openItems: string[];
}

export interface FactEvent {
  type: string;
  occurredAt: string;
  policyVersion: string | null;
}

/** Folds a stream's events (types and times only) into its facts. */
export function streamFacts(
  policy: PrivacyPolicy,
  stream: string,
  events: FactEvent[],
  operatorOf: (policyVersion: string | null) => string | null,
  openItems: string[] = [],
): StreamFacts {
  const rule = streamKindOf(policy, stream);
  const isTicket = Boolean(rule?.closedBy);
  let closedAt: string | null = null;
  let operator: string | null = null;
  const lastAt: Record<string, string> = {};
  for (const event of events) {
    operator ??= operatorOf(event.policyVersion);
    lastAt[event.type] = event.occurredAt;
    if (rule?.closedBy?.includes(event.type)) closedAt = event.occurredAt;
    if (rule?.reopenedBy.includes(event.type)) closedAt = null;
  }
  return {
    stream,
    kind: rule?.kind ?? null,
    operator,
    openedAt: events[0]?.occurredAt ?? null,
    closedAt: isTicket ? closedAt : null,
    isTicket,
    lastAt,
    openItems,
  };
}
