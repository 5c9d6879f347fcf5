/**
 * The privacy policy as data (`policies/privacy/retention.json`): which streams are tickets and
 * when they end, the legal holds that keep a subject's data, and per operator profile the
 * controller, purposes, recipients and retention periods an export states (PRV-6, PRV-9, PRV-10).
 * A period no source states is null: an administrator must set it, and until then nothing is
 * erased for it.
 */
export interface StreamKindRule {
  kind: string;
  streamPrefix: string;
  /** The events that end a ticket of this kind; null when the stream is not a ticket. */
  closedBy: string[] | null;
  reopenedBy: string[];
  description: string;
}

interface HoldRuleBase {
  id: string;
  streamKinds: string[];
  reason: string;
  ruleIds: string[];
}

export type LegalHoldRule =
  /** A ticket not closed is a dispute or a service obligation still running. */
  | (HoldRuleBase & { kind: 'open-ticket' })
  /** Invoices not paid in full, or with a dispute pending. */
  | (HoldRuleBase & { kind: 'billing-open-items' })
  /** Records the law requires to keep for a period after the last one. */
  | (HoldRuleBase & {
      kind: 'statutory-records';
      recordEvents: string[];
      period: { years: number | null; note: string };
    });

export interface PrivacyProfile {
  operator: string;
  controller: { name: string; privacyContacts: string[]; source: string };
  purposes: { purpose: string; ruleIds: string[] }[];
  recipients: string[];
  retention: { ticketHistory: { days: number | null; note: string; source: string } };
}

export interface PrivacyPolicy {
  version: string;
  sources: string[];
  streamKinds: StreamKindRule[];
  legalHolds: LegalHoldRule[];
  profiles: PrivacyProfile[];
}

export function streamKindOf(policy: PrivacyPolicy, stream: string): StreamKindRule | null {
  let best: StreamKindRule | null = null;
  for (const rule of policy.streamKinds)
    if (
      stream.startsWith(rule.streamPrefix) &&
      rule.streamPrefix.length > (best?.streamPrefix.length ?? -1)
    )
      best = rule;
  return best;
}

export function profileOf(policy: PrivacyPolicy, operator: string | null): PrivacyProfile | null {
  return operator ? (policy.profiles.find((p) => p.operator === operator) ?? null) : null;
}

/** `FASTWEB@cds-2017` → `FASTWEB`. */
export function operatorOfPolicyVersion(policyVersion: string | null | undefined): string | null {
  if (!policyVersion) return null;
  const at = policyVersion.indexOf('@');
  return at > 0 ? policyVersion.slice(0, at) : policyVersion;
}
