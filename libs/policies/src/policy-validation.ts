import { Counting, OperatorPolicy } from './operator-policy';

const COUNTINGS: Counting[] = ['SOLAR_DAYS', 'NON_HOLIDAY_DAYS', 'WORKING_DAYS', 'ELAPSED_HOURS'];
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class PolicyDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid policy data:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PolicyDataError';
  }
}

type Checker = (path: string, value: unknown) => string | null;

const string: Checker = (path, v) =>
  typeof v === 'string' && v.trim().length > 0 ? null : `${path} must be a non-empty string`;
const bool: Checker = (path, v) =>
  typeof v === 'boolean' ? null : `${path} must be true or false`;
const days: Checker = (path, v) =>
  v === null || (Number.isInteger(v) && (v as number) > 0)
    ? null
    : `${path} must be a positive whole number of days, or null when the seeds set none`;
const counting: Checker = (path, v) =>
  COUNTINGS.includes(v as Counting) ? null : `${path} must be one of ${COUNTINGS.join(', ')}`;
const dateOrNull: Checker = (path, v) =>
  v === null || (typeof v === 'string' && DATE.test(v))
    ? null
    : `${path} must be a date YYYY-MM-DD, or null`;
const operatorCode: Checker = (path, v) =>
  typeof v === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(v)
    ? null
    : `${path} must be an operator code such as PSA`;

function object(
  path: string,
  value: unknown,
  shape: Record<string, Checker | ((p: string, v: unknown) => string[])>,
  problems: string[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path || '(file)'} must be an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(key in shape)) problems.push(`${path ? `${path}.` : ''}${key} is not a known field`);
  for (const [key, check] of Object.entries(shape)) {
    const at = path ? `${path}.${key}` : key;
    const result = check(at, record[key]);
    if (Array.isArray(result)) problems.push(...result);
    else if (result) problems.push(result);
  }
}

const nested =
  (shape: Record<string, Checker | ((p: string, v: unknown) => string[])>) =>
  (path: string, value: unknown): string[] => {
    const problems: string[] = [];
    object(path, value, shape, problems);
    return problems;
  };

const term = nested({ days, counting, clause: string });

const cents: Checker = (path, v) =>
  Number.isInteger(v) && (v as number) >= 0 ? null : `${path} must be whole cents, 0 or more`;
const positiveInteger: Checker = (path, v) =>
  Number.isInteger(v) && (v as number) > 0 ? null : `${path} must be a positive whole number`;
const oneOf =
  (...values: string[]): Checker =>
  (path, v) =>
    values.includes(v as string) ? null : `${path} must be one of ${values.join(', ')}`;
const optional =
  (check: (p: string, v: unknown) => string[]) =>
  (path: string, v: unknown): string[] =>
    v === undefined ? [] : check(path, v);

const lateIndemnity = (path: string, v: unknown): string[] => {
  const found = nested({
    dailyCents: cents,
    capCents: cents,
    businessMultiplier: positiveInteger,
    basis: oneOf('contract', 'regulator'),
    clause: string,
  })(path, v);
  if (found.length === 0) {
    const figures = v as { dailyCents: number; capCents: number };
    if (figures.capCents < figures.dailyCents)
      found.push(`${path}.capCents must not be below dailyCents`);
  }
  return found;
};

const billingIncident = nested({
  noticeChannel: oneOf('sms'),
  regularChargesResume: oneOf('current_month'),
  recoveryStepDays: positiveInteger,
  firstRecovery: oneOf('same_day_next_month'),
  prescriptionMonths: (path, v) => (v === null ? null : positiveInteger(path, v)),
  clause: string,
});

/** Checks one file's content; returns every problem, each naming the field and the reason. */
export function policyProblems(raw: unknown): string[] {
  const problems: string[] = [];
  object(
    '',
    raw,
    {
      operator: operatorCode,
      version: string,
      effectiveFrom: dateOrNull,
      sources: (path, v) =>
        Array.isArray(v) && v.every((s) => typeof s === 'string')
          ? []
          : [`${path} must be a list of source names`],
      complaints: nested({
        answerTerm: (path, v) => {
          const found = term(path, v);
          if (found.length === 0 && (v as { days: unknown }).days === null)
            found.push(`${path}.days must be set: every complaint has an answer term (CMP-5)`);
          if (found.length === 0 && (v as { counting: unknown }).counting !== 'SOLAR_DAYS')
            found.push(`${path}.counting must be SOLAR_DAYS (CMP-5, CAL-2)`);
          return found;
        },
        complexityExtension: nested({ allowed: bool, clause: string }),
        billingFilingWindow: term,
        latePaymentSuspendedWhilePending: nested({ value: bool, clause: string }),
        lateIndemnity,
        outageComplaintWindow: term,
      }),
      billingIncident: optional(billingIncident),
    },
    problems,
  );
  return problems;
}

/** Checks a whole set: valid files, unique versions, no two versions of an operator from one date. */
export function validatePolicies(files: { name: string; content: unknown }[]): OperatorPolicy[] {
  const problems: string[] = [];
  const valid: { name: string; policy: OperatorPolicy }[] = [];
  for (const file of files) {
    const found = policyProblems(file.content);
    if (found.length) problems.push(...found.map((p) => `${file.name}: ${p}`));
    else valid.push({ name: file.name, policy: file.content as OperatorPolicy });
  }
  const versions = new Map<string, string>();
  const starts = new Map<string, string>();
  valid.forEach(({ name, policy }) => {
    if (versions.has(policy.version))
      problems.push(
        `${name}: version ${policy.version} is also in ${versions.get(policy.version)}`,
      );
    versions.set(policy.version, name);
    const start = `${policy.operator}@${policy.effectiveFrom ?? 'always'}`;
    if (starts.has(start))
      problems.push(
        `${name}: ${policy.operator} already has a version in force from ${policy.effectiveFrom ?? 'the start'} (${starts.get(start)})`,
      );
    starts.set(start, name);
  });
  if (problems.length) throw new PolicyDataError(problems);
  return valid.map((v) => v.policy);
}
