import {
  Counting,
  OperatorPolicy,
  PenaltyBracketFigure,
  QUALITY_INDICATORS,
  QUALITY_SERVICES,
} from './operator-policy';

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

const PAUSE_KINDS = ['WAITING_ON_CUSTOMER', 'FORCE_MAJEURE', 'THIRD_PARTY_OR_AUTHORITY'];
const RULE_ID = /^[A-Z]{2,5}(-[A-Z]{2,5})?-\d{1,3}$/;

const nullable =
  (check: Checker): Checker =>
  (path, v) =>
    v === null ? null : check(path, v);
const ruleId: Checker = (path, v) =>
  typeof v === 'string' && RULE_ID.test(v) ? null : `${path} must be a rule id such as FLT-2`;
const ruleIds: Checker = (path, v) =>
  Array.isArray(v) && v.length > 0 && v.every((r) => typeof r === 'string' && RULE_ID.test(r))
    ? null
    : `${path} must be a non-empty list of rule ids such as IND-1`;
const pauseKinds: Checker = (path, v) =>
  Array.isArray(v) &&
  v.length > 0 &&
  new Set(v).size === v.length &&
  v.every((k) => PAUSE_KINDS.includes(k as string))
    ? null
    : `${path} must be a non-empty list of distinct kinds among ${PAUSE_KINDS.join(', ')}`;

const repairTerm = nested({
  kind: oneOf('ELAPSED_HOURS', 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY'),
  value: positiveInteger,
  rule: ruleId,
  clause: string,
});

const repairDelayIndemnity = (path: string, v: unknown): string[] => {
  const found = nested({
    dailyCents: nested({ residential: cents, business: cents }),
    capDays: nullable(positiveInteger),
    capCents: nullable(cents),
    supplementaryAssessmentBeyondDays: nullable(positiveInteger),
    rules: ruleIds,
    clause: string,
  })(path, v);
  if (found.length === 0) {
    const figures = v as { capDays: number | null; capCents: number | null };
    // IND-1, IND-8: every repair indemnity is capped, by days or by amount.
    if (figures.capDays === null && figures.capCents === null)
      found.push(`${path}.capDays or ${path}.capCents must be set: a repair indemnity is capped`);
  }
  return found;
};

const exceptionalFaultIndemnity = (path: string, v: unknown): string[] =>
  v === null
    ? []
    : nested({
        dailyCents: cents,
        startDaysAfterForceMajeure: positiveInteger,
        capCents: nullable(cents),
        rules: ruleIds,
        clause: string,
      })(path, v);

/** `faults` (RULES §4.2, §4.5): each figure with its clause; the regimes must agree. */
const faults = (path: string, v: unknown): string[] => {
  const found = nested({
    repairTerm,
    repairMethod: nested({ remoteFirst: nullable(bool), clause: nullable(string) }),
    scope: nested({ description: string, rule: ruleId, clause: string }),
    pause: nested({ allowedKinds: pauseKinds, clause: string }),
    complexRegime: nested({
      complex: oneOf('REVIEW_ONLY', 'NO_FIXED_TERM'),
      publishStatus: bool,
      exceptionalWidespread: (p, value) => (value === null ? null : oneOf('IND_9')(p, value)),
      clause: string,
    }),
    massOutageThreshold: nested({
      value: (p, value) =>
        value === null
          ? []
          : nested({ reports: positiveInteger, withinMinutes: positiveInteger })(p, value),
      clause: string,
    }),
    onSitePayments: nested({ allowed: nullable(bool), clause: nullable(string) }),
    reopenWindow: (p, value) => {
      const problems = term(p, value);
      if (problems.length === 0 && (value as { counting: unknown }).counting !== 'SOLAR_DAYS')
        problems.push(`${p}.counting must be SOLAR_DAYS (CAL-2)`);
      return problems;
    },
    repairDelayIndemnity,
    exceptionalFaultIndemnity,
  })(path, v);
  if (found.length > 0) return found;
  const section = v as {
    complexRegime: { exceptionalWidespread: string | null };
    exceptionalFaultIndemnity: unknown;
    repairMethod: { remoteFirst: boolean | null; clause: string | null };
  };
  // FLT-10: the exceptional regime pays IND-9, so it needs its figures, and only then.
  if (
    (section.complexRegime.exceptionalWidespread === null) !==
    (section.exceptionalFaultIndemnity === null)
  )
    found.push(
      `${path}.exceptionalFaultIndemnity must be set exactly when complexRegime.exceptionalWidespread is IND_9`,
    );
  if (section.repairMethod.remoteFirst !== null && section.repairMethod.clause === null)
    found.push(`${path}.repairMethod.clause must name the clause of the repair method`);
  return found;
};

const solarDays: Checker = (path, v) =>
  v === 'SOLAR_DAYS' ? null : `${path} must be SOLAR_DAYS (CAL-2)`;
const termStart = oneOf('PROPOSAL_RECEIVED', 'REQUEST_COMPLETED', 'RELOCATION_REQUESTED');
const REQUEST_CHANNELS = ['phone', 'registered_letter', 'fax', 'web_area', 'email', 'pec', 'shop'];
const MAINTENANCE_CHANNELS = ['web_area', 'website', 'sms', 'email', 'phone', 'registered_letter'];
const nullableNested =
  (shape: Record<string, Checker | ((p: string, v: unknown) => string[])>) =>
  (path: string, v: unknown): string[] =>
    v === null ? [] : nested(shape)(path, v);
const ruleIdList: Checker = (path, v) =>
  Array.isArray(v) && v.every((r) => typeof r === 'string' && RULE_ID.test(r))
    ? null
    : `${path} must be a list of rule ids such as IND-3`;
const capped = (path: string, v: unknown, why: string): string[] => {
  const figures = v as { capDays: number | null; capCents: number | null };
  return figures.capDays === null && figures.capCents === null
    ? [`${path}.capDays or ${path}.capCents must be set: ${why}`]
    : [];
};

const delayIndemnity = (path: string, v: unknown): string[] => {
  const found = nested({
    dailyCents: nested({ residential: cents, business: cents }),
    capDays: nullable(positiveInteger),
    capCents: nullable(cents),
    supplementaryAssessmentBeyondDays: nullable(positiveInteger),
    rules: ruleIds,
    clause: string,
  })(path, v);
  // IND-1, IND-5: the contractual delay indemnity is capped, by days or by amount.
  return found.length ? found : capped(path, v, 'a contractual delay indemnity is capped');
};

/** `activation` (RULES §4.3, §4.5, §6): each figure with its clause; the terms must agree. */
const activation = (path: string, v: unknown): string[] => {
  const found = nested({
    term: nested({
      days: positiveInteger,
      counting: solarDays,
      startsAt: termStart,
      rule: ruleId,
      clause: string,
    }),
    indirectBroadbandTerm: nullableNested({
      days: positiveInteger,
      counting: solarDays,
      rule: ruleId,
      clause: string,
    }),
    technicalCheck: nested({
      days: nullable(positiveInteger),
      afterPositiveCheckDays: nullable(positiveInteger),
      rule: nullable(ruleId),
      clause: nullable(string),
    }),
    relocationTerm: nested({
      days: nullable(positiveInteger),
      counting: solarDays,
      startsAt: termStart,
      rule: ruleId,
      clause: string,
    }),
    informedDelay: nested({ exempts: bool, requiresNewDate: bool, rule: ruleId, clause: string }),
    pause: nested({ allowedKinds: pauseKinds, clause: string }),
    delayIndemnity,
    relocationDelayIndemnity: (p, value) => (value === null ? [] : delayIndemnity(p, value)),
    regulatoryIndemnity: nested({
      dailyCentsPerService: cents,
      ultraBroadbandDailyCentsPerService: cents,
      businessMultiplier: positiveInteger,
      automatic: bool,
      creditAfterDays: positiveInteger,
      rules: ruleIds,
      clause: string,
    }),
    applyRegulatoryFloor: nested({ value: bool, clause: string }),
    payout: nested({
      mode: oneOf('AUTOMATIC', 'ON_REQUEST', 'AUTOMATIC_AFTER_WRITTEN_REPORT'),
      writtenReportChannels: (p, value) =>
        value === null ||
        (Array.isArray(value) &&
          value.length > 0 &&
          new Set(value).size === value.length &&
          value.every((c) => REQUEST_CHANNELS.includes(c as string)))
          ? null
          : `${p} must be null or a non-empty list of distinct channels among ${REQUEST_CHANNELS.join(', ')}`,
      rules: ruleIds,
      clause: string,
    }),
  })(path, v);
  if (found.length > 0) return found;
  const section = v as {
    technicalCheck: {
      days: number | null;
      afterPositiveCheckDays: number | null;
      rule: string | null;
      clause: string | null;
    };
    payout: { mode: string; writtenReportChannels: string[] | null };
  };
  const check = section.technicalCheck;
  // ACT-2: a technical-check term is explained by its rule and clause.
  if ((check.days !== null || check.afterPositiveCheckDays !== null) && check.rule === null)
    found.push(`${path}.technicalCheck.rule must be set when a technical-check term is`);
  if ((check.days !== null || check.afterPositiveCheckDays !== null) && check.clause === null)
    found.push(`${path}.technicalCheck.clause must be set when a technical-check term is`);
  // IND-7: a payout after a written report names the written channels.
  if (
    section.payout.mode === 'AUTOMATIC_AFTER_WRITTEN_REPORT' &&
    section.payout.writtenReportChannels === null
  )
    found.push(
      `${path}.payout.writtenReportChannels must list the written channels when mode is AUTOMATIC_AFTER_WRITTEN_REPORT`,
    );
  return found;
};

/** `maintenance` (RULES §4.4, §4.5): notice minimums and the notice-breach indemnity. */
const maintenance = (path: string, v: unknown): string[] => {
  const found = nested({
    notice: nested({
      minIndemnified: nested({
        hours: nullable(positiveInteger),
        counting: (p, value) =>
          value === 'ELAPSED_HOURS' ? null : `${p} must be ELAPSED_HOURS (CAL-6)`,
        rule: ruleId,
        clause: string,
      }),
      minContractual: nullableNested({
        days: positiveInteger,
        counting: solarDays,
        rule: ruleId,
        clause: string,
      }),
      channel: nested({
        value: nullable(oneOf(...MAINTENANCE_CHANNELS)),
        clause: string,
      }),
      unplannedFaults: nested({ exempt: nullable(bool), clause: nullable(string) }),
    }),
    noticeIndemnity: (p, value) => {
      const problems = nested({
        dailyCents: nested({ residential: cents, business: cents }),
        capDays: nullable(positiveInteger),
        capCents: nullable(cents),
        rules: ruleIds,
        clause: string,
      })(p, value);
      // MNT-3, AMB-10: at the repair-delay rates and caps.
      return problems.length
        ? problems
        : capped(p, value, 'the notice indemnity is capped (AMB-10)');
    },
  })(path, v);
  if (found.length > 0) return found;
  const unplanned = (v as { notice: { unplannedFaults: { exempt: unknown; clause: unknown } } })
    .notice.unplannedFaults;
  if (unplanned.exempt !== null && unplanned.clause === null)
    found.push(`${path}.notice.unplannedFaults.clause must name the clause of the exemption`);
  return found;
};

/** `directory` (RULES §4.5, §6): the flat figure, if any, and the regulator's reference. */
const directory = (path: string, v: unknown): string[] => {
  const found = nested({
    errorIndemnity: nested({
      flatCents: (p, value) =>
        value === null ? [] : nested({ residential: cents, business: cents })(p, value),
      rules: ruleIdList,
      clause: nullable(string),
    }),
    regulatoryReference: nested({
      centsPerYear: cents,
      businessMultiplier: positiveInteger,
      proration: oneOf('STARTED_YEARS'),
      rules: ruleIds,
      clause: string,
    }),
  })(path, v);
  if (found.length > 0) return found;
  const flat = (v as { errorIndemnity: { flatCents: unknown; rules: string[]; clause: unknown } })
    .errorIndemnity;
  // IND-3: a flat figure comes with its rules and clause; none without one ("—").
  if (flat.flatCents !== null && (flat.rules.length === 0 || flat.clause === null))
    found.push(`${path}.errorIndemnity.rules and .clause must be set with a flat figure`);
  if (flat.flatCents === null && (flat.rules.length > 0 || flat.clause !== null))
    found.push(`${path}.errorIndemnity.rules must be empty and .clause null without a flat figure`);
  return found;
};

const finiteNumber: Checker = (path, v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : `${path} must be a number ≥ 0`;

/** `quality` (QUA-1…QUA-3): publication periods and the yearly targets, each with its clause. */
const quality = nested({
  publication: nested({
    periods: (path, v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      new Set(v).size === v.length &&
      v.every((p) => p === 'HALF_YEAR' || p === 'YEAR')
        ? null
        : `${path} must list HALF_YEAR and/or YEAR`,
    clause: string,
  }),
  targets: (path, v) => {
    if (!Array.isArray(v)) return [`${path} must be a list (empty where the seeds set none)`];
    const target = nested({
      indicator: oneOf(...QUALITY_INDICATORS),
      service: oneOf(...QUALITY_SERVICES),
      directive: string,
      year: positiveInteger,
      value: finiteNumber,
      unit: oneOf('HOURS', 'DAYS', 'PERCENT', 'SECONDS'),
      comparison: oneOf('AT_MOST', 'AT_LEAST'),
      clause: string,
      flag: nullable(ruleId),
    });
    const problems = v.flatMap((t, i) => target(`${path}[${i}]`, t));
    const seen = new Set<string>();
    v.forEach((t: { indicator?: string; service?: string; year?: number }, i) => {
      const key = `${t?.indicator}/${t?.service}/${t?.year}`;
      if (seen.has(key)) problems.push(`${path}[${i}] repeats ${key}`);
      seen.add(key);
    });
    return problems;
  },
});

const basisPoints: Checker = (path, v) =>
  Number.isInteger(v) && (v as number) >= 0
    ? null
    : `${path} must be whole basis points, 0 or more`;

/** `latePayment.interest` (BIL-4): the legal rates are entered at run time, never here (AMB-23). */
const interestTerms = (path: string, v: unknown): string[] =>
  nested({
    startAfterDays: positiveInteger,
    spreadBasisPoints: basisPoints,
    dayCountBasis: (p, value) => (value === 365 ? null : `${p} must be 365 (BIL-4: × days / 365)`),
    clause: string,
  })(path, v).map((problem) =>
    problem === `${path}.legalRates is not a known field`
      ? `${problem}: legal rates are dated parameters an administrator enters (AMB-23)`
      : problem,
  );

/** BIL-7: brackets from day 1, each starting the day after the previous one ends; the last open. */
const penaltyBrackets = (path: string, v: unknown): string[] => {
  if (!Array.isArray(v) || v.length === 0) return [`${path} must be a non-empty list of brackets`];
  const bracket = nested({
    fromDay: positiveInteger,
    toDay: nullable(positiveInteger),
    basisPoints,
  });
  const problems = v.flatMap((b, i) => bracket(`${path}[${i}]`, b));
  if (problems.length > 0) return problems;
  const brackets = v as PenaltyBracketFigure[];
  brackets.forEach((b, i) => {
    const at = `${path}[${i}]`;
    const previous = i > 0 ? brackets[i - 1].toDay : null;
    if (i === 0 && b.fromDay !== 1)
      problems.push(`${at}.fromDay must be 1: day 1 is the day after the due date (CAL-7)`);
    if (previous !== null && b.fromDay !== previous + 1)
      problems.push(
        `${at}.fromDay must be ${previous + 1}: brackets are in order, each from the day after the previous toDay`,
      );
    if (b.toDay !== null && b.toDay < b.fromDay)
      problems.push(`${at}.toDay must not be before its fromDay`);
    if (i < brackets.length - 1 && b.toDay === null)
      problems.push(`${at}.toDay must be set: only the last bracket is open-ended`);
    if (i === brackets.length - 1 && b.toDay !== null)
      problems.push(`${at}.toDay must be null: the last bracket is open-ended`);
  });
  return problems;
};

/** `latePayment.*` (BIL-4, BIL-7…BIL-10): the model names the terms it needs. */
const latePayment = (path: string, v: unknown): string[] => {
  const found = nested({
    model: oneOf('INTEREST', 'PENALTY_BRACKETS'),
    interest: (p, value) => (value === null ? [] : interestTerms(p, value)),
    penalty: nullableNested({
      brackets: penaltyBrackets,
      grace: nullableNested({
        regularPaymentsRequired: positiveInteger,
        maxDaysLate: positiveInteger,
        clause: string,
      }),
      chargedOn: nullable(oneOf('FIRST_USEFUL_INVOICE')),
      clause: string,
    }),
    suspendedWhileBillingComplaintPending: nullable(bool),
  })(path, v);
  if (found.length > 0) return found;
  const section = v as { model: string; interest: unknown; penalty: unknown };
  if (section.model === 'INTEREST' && section.interest === null)
    found.push(`${path}.interest must be set when model is INTEREST`);
  if (section.model === 'INTEREST' && section.penalty !== null)
    found.push(`${path}.penalty must be null when model is INTEREST`);
  if (section.model === 'PENALTY_BRACKETS' && section.penalty === null)
    found.push(`${path}.penalty must be set when model is PENALTY_BRACKETS`);
  return found;
};

/** `billing` (RULES §4.6): invoice lead time, late payment and non-payment, each with its clause. */
const billing = nested({
  invoiceLeadTimeDays: days,
  latePayment,
  nonPayment: nested({
    suspensionAfterDays: days,
    noticeRequired: nullable(bool),
    terminationAfterDays: days,
    reactivationFeeCents: nullable(cents),
    clause: string,
  }),
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
      faults: optional(faults),
      activation: optional(activation),
      maintenance: optional(maintenance),
      directory: optional(directory),
      quality: optional(quality),
      billing: optional(billing),
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
