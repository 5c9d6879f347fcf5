import { ROLES } from '@sportello/platform';
import {
  AssistancePolicy,
  CONTACT_CHANNELS,
  ContactChannel,
  PERSONAL_FIELDS,
  PersonalField,
  PROBLEM_CATEGORIES,
  ProblemCategory,
} from '../domain/assistance.policy';

/** A profile file that cannot be used: every problem names the file, the field and the reason. */
export class AssistanceProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid assistance profile data:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'AssistanceProfileError';
  }
}

/** A profile as validated: the figures the rules read, and what must still be set. */
export interface ValidatedProfile {
  policy: AssistancePolicy;
  accessRoles: string[];
  auditedRoles: string[];
  erasure: { channel: string; address: string };
  /** Figures the seed leaves unstated, to be set before go-live (e.g. AMB-29). */
  warnings: string[];
}

type Check = (path: string, value: unknown) => string[];

const fail = (path: string, reason: string) => [`${path} ${reason}`];
const string: Check = (path, v) =>
  typeof v === 'string' && v.trim() ? [] : fail(path, 'must be a non-empty string');
const bool =
  (expected?: boolean): Check =>
  (path, v) => {
    if (typeof v !== 'boolean') return fail(path, 'must be true or false');
    return expected === undefined || v === expected
      ? []
      : fail(path, `must be ${expected}: the rules implement only that reading`);
  };
const ruleId: Check = (path, v) =>
  typeof v === 'string' && /^[A-Z]{3}-\d{1,3}$/.test(v)
    ? []
    : fail(path, 'must be a rule id such as PRV-5');
const listOf =
  (allowed: readonly string[] | null, minimum = 1): Check =>
  (path, v) => {
    if (!Array.isArray(v) || v.length < minimum)
      return fail(path, `must be a list of at least ${minimum} item(s)`);
    const problems: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !item.trim())
        problems.push(...fail(`${path}.${i}`, 'must be a non-empty string'));
      else if (allowed && !allowed.includes(item))
        problems.push(...fail(`${path}.${i}`, `must be one of ${allowed.join(', ')}`));
    });
    if (new Set(v).size !== v.length) problems.push(...fail(path, 'must not repeat an item'));
    return problems;
  };
const rules = listOf(null);
const oneOf =
  (...values: string[]): Check =>
  (path, v) =>
    values.includes(v as string) ? [] : fail(path, `must be one of ${values.join(', ')}`);
const dateOrNull: Check = (path, v) =>
  v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    ? []
    : fail(path, 'must be a date YYYY-MM-DD, or null');
const ISO_PERIOD = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;
const periodOrNull: Check = (path, v) =>
  v === null || (typeof v === 'string' && ISO_PERIOD.test(v))
    ? []
    : fail(path, 'must be an ISO 8601 period such as P2Y, or null while NOT STATED');

const object =
  (shape: Record<string, Check>): Check =>
  (path, value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return fail(path || '(file)', 'must be an object');
    const record = value as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(record))
      if (!(key in shape)) problems.push(`${path ? `${path}.` : ''}${key} is not a known field`);
    for (const [key, check] of Object.entries(shape))
      problems.push(...check(path ? `${path}.${key}` : key, record[key]));
    return problems;
  };

const roles = listOf(ROLES);

const PROFILE = object({
  profile: (p, v) =>
    typeof v === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(v)
      ? []
      : fail(p, 'must be a profile code such as ANASTASIS'),
  version: string,
  effectiveFrom: dateOrNull,
  sources: listOf(null),
  contact: object({ channels: listOf(CONTACT_CHANNELS), clause: string }),
  calls: object({ recorded: bool(), rule: ruleId, clause: string }),
  ticket: object({
    accessRoles: roles,
    auditedRoles: roles,
    description: string,
    rule: ruleId,
    clause: string,
  }),
  data: object({
    collectable: listOf(PERSONAL_FIELDS),
    of: listOf(['caller', 'involved']),
    purpose: string,
    rules,
    clause: string,
  }),
  impersonation: object({
    problemCategories: listOf(PROBLEM_CATEGORIES),
    platformOnly: bool(true),
    purpose: string,
    forbiddenActions: listOf(['write', 'payment'], 2),
    // AMB-35: stricter than the seed, a consent per session is always required.
    consentPerSession: bool(true),
    rules,
    clause: string,
  }),
  remoteAssistance: object({
    afterNonResolutiveSteps: bool(true),
    customerInstallsSoftware: bool(true),
    expressAuthorisation: bool(true),
    consentPerSession: bool(true),
    priorConsentPerDeviceAction: bool(true),
    rules,
    clause: string,
  }),
  afterClosure: object({
    operations: oneOf('NONE_WITHOUT_NEW_CONTACT'),
    rule: ruleId,
    clause: string,
  }),
  retention: object({
    ticketHistory: object({ purpose: string, period: periodOrNull, rule: ruleId, clause: string }),
  }),
  erasure: object({ channel: oneOf('email'), address: string, rule: ruleId, clause: string }),
});

interface ProfileFile {
  profile: string;
  version: string;
  contact: { channels: ContactChannel[] };
  calls: { recorded: boolean };
  ticket: { accessRoles: string[]; auditedRoles: string[] };
  data: { collectable: PersonalField[] };
  impersonation: { problemCategories: ProblemCategory[] };
  retention: { ticketHistory: { period: string | null } };
  erasure: { channel: string; address: string };
}

/** Validates one profile file; throws with every problem found, each naming field and reason. */
export function validateAssistanceProfile(name: string, content: unknown): ValidatedProfile {
  const problems = PROFILE('', content).map((problem) => `${name}: ${problem}`);
  if (problems.length) throw new AssistanceProfileError(problems);
  const file = content as ProfileFile;
  const warnings: string[] = [];
  if (file.retention.ticketHistory.period === null)
    warnings.push(
      `${name}: retention.ticketHistory.period is NOT STATED in the seed (PRV-6, AMB-29): kept null; the controller must set it before go-live`,
    );
  return {
    policy: {
      profile: file.profile,
      version: file.version,
      contactChannels: [...file.contact.channels],
      callsRecorded: file.calls.recorded,
      collectable: [...file.data.collectable],
      impersonationCategories: [...file.impersonation.problemCategories],
      ticketHistoryRetention: file.retention.ticketHistory.period,
    },
    accessRoles: [...file.ticket.accessRoles],
    auditedRoles: [...file.ticket.auditedRoles],
    erasure: { channel: file.erasure.channel, address: file.erasure.address },
    warnings,
  };
}
