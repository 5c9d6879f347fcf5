import { LegalHold } from './data-subject.events';
import { PrivacyPolicy, profileOf } from './privacy-policy';
import { StreamFacts } from './subject-streams';

export type RetentionVerdict =
  { eligible: true; since: string } | { eligible: false; reasons: string[] };

function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}

/**
 * PRV-6, PRV-10: a subject is erased by retention once every one of its tickets has been closed
 * for longer than its operator's `retention.ticketHistory` period and no legal hold applies. A
 * period nobody has set (null) keeps the subject; so does a stream no rule classifies.
 */
export function retentionVerdict(
  policy: PrivacyPolicy,
  facts: StreamFacts[],
  holds: LegalHold[],
  now: string,
): RetentionVerdict {
  const reasons: string[] = [];
  const tickets = facts.filter((f) => f.isTicket);
  const unclassified = facts.filter((f) => f.kind === null);
  if (tickets.length === 0) reasons.push('no ticket');
  for (const f of unclassified)
    reasons.push(`${f.stream}: no privacy rule for this kind of stream`);
  let since: string | null = null;
  for (const ticket of tickets) {
    if (ticket.closedAt === null) {
      reasons.push(`${ticket.stream}: open`);
      continue;
    }
    const days = profileOf(policy, ticket.operator)?.retention.ticketHistory.days ?? null;
    if (days === null) {
      reasons.push(
        `${ticket.stream}: retention.ticketHistory is not set for ${ticket.operator ?? 'its operator'} (an administrator must set it)`,
      );
      continue;
    }
    const until = addDays(ticket.closedAt, days);
    if (Date.parse(until) > Date.parse(now)) reasons.push(`${ticket.stream}: kept until ${until}`);
    else if (since === null || Date.parse(until) > Date.parse(since)) since = until;
  }
  for (const hold of holds) reasons.push(`${hold.holdId}: ${hold.reason}`);
  return reasons.length || since === null
    ? { eligible: false, reasons }
    : { eligible: true, since };
}
