import { LegalHoldRule, PrivacyPolicy } from '../domain/privacy-policy';

/** The privacy policy file is wrong: one line per problem, naming the field. */
export class PrivacyPolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid privacy policy: ${problems.join('; ')}`);
    this.name = 'PrivacyPolicyError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
const HOLD_KINDS = ['open-ticket', 'billing-open-items', 'statutory-records'];

/** Checks a parsed `retention.json`; every problem is reported at once. */
export function validatePrivacyPolicy(raw: unknown, file = 'retention.json'): PrivacyPolicy {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${file}: ${path} ${message}`);
  if (!isObject(raw)) throw new PrivacyPolicyError([`${file}: must be a JSON object`]);
  if (!isText(raw.version)) problem('version', 'must be a non-empty string');
  if (!isTextList(raw.sources)) problem('sources', 'must list the sources as strings');

  const kinds = new Set<string>();
  const prefixes = new Set<string>();
  if (!Array.isArray(raw.streamKinds) || raw.streamKinds.length === 0)
    problem('streamKinds', 'must list at least one kind of stream');
  (Array.isArray(raw.streamKinds) ? raw.streamKinds : []).forEach((k: unknown, i) => {
    const at = `streamKinds[${i}]`;
    if (!isObject(k)) return problem(at, 'must be an object');
    if (!isText(k.kind)) problem(`${at}.kind`, 'must be a name');
    else if (kinds.has(k.kind)) problem(`${at}.kind`, `repeats ${k.kind}`);
    else kinds.add(k.kind);
    if (!isText(k.streamPrefix) || !/^[a-z][a-z0-9_-]*-$/.test(k.streamPrefix))
      problem(`${at}.streamPrefix`, 'must be a stream name prefix ending in "-"');
    else if (prefixes.has(k.streamPrefix)) problem(`${at}.streamPrefix`, 'repeats another kind');
    else prefixes.add(k.streamPrefix);
    if (k.closedBy !== null && !(isTextList(k.closedBy) && k.closedBy.length > 0))
      problem(
        `${at}.closedBy`,
        'must list event types, or be null for a stream that is not a ticket',
      );
    if (!isTextList(k.reopenedBy)) problem(`${at}.reopenedBy`, 'must list event types');
    if (!isText(k.description)) problem(`${at}.description`, 'must say what the stream is');
  });

  const holdIds = new Set<string>();
  (Array.isArray(raw.legalHolds) ? raw.legalHolds : []).forEach((h: unknown, i) => {
    const at = `legalHolds[${i}]`;
    if (!isObject(h)) return problem(at, 'must be an object');
    if (!isText(h.id)) problem(`${at}.id`, 'must be a name');
    else if (holdIds.has(h.id)) problem(`${at}.id`, `repeats ${h.id}`);
    else holdIds.add(h.id);
    if (!HOLD_KINDS.includes(h.kind as string))
      problem(`${at}.kind`, `must be one of ${HOLD_KINDS.join(', ')}`);
    if (!isTextList(h.streamKinds) || h.streamKinds.length === 0)
      problem(`${at}.streamKinds`, 'must list kinds of stream');
    else
      for (const kind of h.streamKinds)
        if (!kinds.has(kind))
          problem(`${at}.streamKinds`, `names ${kind}, which streamKinds does not declare`);
    if (!isText(h.reason))
      problem(`${at}.reason`, 'must give the reason shown to the privacy officer');
    if (!isTextList(h.ruleIds)) problem(`${at}.ruleIds`, 'must list rule ids');
    if (h.kind === 'statutory-records') {
      if (!isTextList(h.recordEvents) || h.recordEvents.length === 0)
        problem(`${at}.recordEvents`, 'must list the event types that are records');
      const period = h.period as Json | undefined;
      if (!isObject(period)) problem(`${at}.period`, 'must be an object');
      else {
        if (
          period.years !== null &&
          !(Number.isInteger(period.years) && (period.years as number) > 0)
        )
          problem(
            `${at}.period.years`,
            'must be a positive whole number of years, or null when no source states it',
          );
        if (!isText(period.note))
          problem(`${at}.period.note`, 'must say where the period comes from, or who must set it');
      }
    }
  });
  if (!Array.isArray(raw.legalHolds)) problem('legalHolds', 'must be a list');

  const operators = new Set<string>();
  (Array.isArray(raw.profiles) ? raw.profiles : []).forEach((p: unknown, i) => {
    const at = `profiles[${i}]`;
    if (!isObject(p)) return problem(at, 'must be an object');
    if (!isText(p.operator)) problem(`${at}.operator`, 'must be an operator code');
    else if (operators.has(p.operator)) problem(`${at}.operator`, `repeats ${p.operator}`);
    else operators.add(p.operator);
    const controller = p.controller as Json | undefined;
    if (
      !isObject(controller) ||
      !isText(controller.name) ||
      !isTextList(controller.privacyContacts) ||
      !isText(controller.source)
    )
      problem(`${at}.controller`, 'must give name, privacyContacts and source');
    if (
      !Array.isArray(p.purposes) ||
      !p.purposes.every((x) => isObject(x) && isText(x.purpose) && isTextList(x.ruleIds))
    )
      problem(`${at}.purposes`, 'must list { purpose, ruleIds }');
    if (!isTextList(p.recipients))
      problem(`${at}.recipients`, 'must list categories of recipients');
    const history = isObject(p.retention)
      ? (p.retention.ticketHistory as Json | undefined)
      : undefined;
    if (!isObject(history)) problem(`${at}.retention.ticketHistory`, 'must be an object');
    else {
      if (
        history.days !== null &&
        !(Number.isInteger(history.days) && (history.days as number) > 0)
      )
        problem(
          `${at}.retention.ticketHistory.days`,
          'must be a positive whole number of days, or null when no source states it',
        );
      if (!isText(history.note))
        problem(
          `${at}.retention.ticketHistory.note`,
          'must say where the period comes from, or who must set it',
        );
      if (!isText(history.source))
        problem(`${at}.retention.ticketHistory.source`, 'must name its source');
    }
  });
  if (!Array.isArray(raw.profiles)) problem('profiles', 'must be a list');

  if (problems.length) throw new PrivacyPolicyError(problems);
  const policy = raw as unknown as PrivacyPolicy;
  return {
    version: policy.version,
    sources: policy.sources,
    streamKinds: policy.streamKinds,
    legalHolds: policy.legalHolds as LegalHoldRule[],
    profiles: policy.profiles,
  };
}
