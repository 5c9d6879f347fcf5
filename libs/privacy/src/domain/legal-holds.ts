import { LegalHold } from './data-subject.events';
import { LegalHoldRule, PrivacyPolicy } from './privacy-policy';
import { StreamFacts } from './subject-streams';

function addYears(instant: string, years: number): string {
  const date = new Date(instant);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}

function holdOf(rule: LegalHoldRule, streams: StreamFacts[], until: string | null): LegalHold {
  return {
    holdId: rule.id,
    reason: rule.reason,
    ruleIds: rule.ruleIds,
    streams: streams.map((s) => s.stream),
    until,
  };
}

function evaluate(rule: LegalHoldRule, facts: StreamFacts[], now: string): LegalHold | null {
  const concerned = facts.filter((f) => f.kind !== null && rule.streamKinds.includes(f.kind));
  switch (rule.kind) {
    case 'open-ticket': {
      const open = concerned.filter((f) => f.isTicket && f.closedAt === null);
      return open.length ? holdOf(rule, open, null) : null;
    }
    case 'billing-open-items': {
      const open = concerned.filter((f) => f.openItems.length > 0);
      return open.length ? holdOf(rule, open, null) : null;
    }
    case 'statutory-records': {
      const kept: { facts: StreamFacts; until: string | null }[] = [];
      for (const f of concerned) {
        const last = rule.recordEvents
          .map((type) => f.lastAt[type])
          .filter((at): at is string => Boolean(at))
          .sort((a, b) => Date.parse(a) - Date.parse(b))
          .pop();
        if (!last) continue;
        const until = rule.period.years === null ? null : addYears(last, rule.period.years);
        if (until === null || Date.parse(until) > Date.parse(now)) kept.push({ facts: f, until });
      }
      if (!kept.length) return null;
      const until = kept.some((k) => k.until === null)
        ? null
        : kept
            .map((k) => k.until!)
            .sort((a, b) => Date.parse(a) - Date.parse(b))
            .pop()!;
      const reason =
        rule.period.years === null ? `${rule.reason} (${rule.period.note})` : rule.reason;
      return {
        ...holdOf(
          rule,
          kept.map((k) => k.facts),
          until,
        ),
        reason,
      };
    }
  }
}

/**
 * PRV-10: the legal holds that keep a subject's data now, each with the reason shown to the
 * privacy officer. An erasure is refused while any applies; retention skips the subject.
 */
export function legalHoldsOf(
  policy: PrivacyPolicy,
  facts: StreamFacts[],
  now: string,
): LegalHold[] {
  return policy.legalHolds
    .map((rule) => evaluate(rule, facts, now))
    .filter((hold): hold is LegalHold => hold !== null);
}
