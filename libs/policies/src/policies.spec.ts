import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyCatalog } from './policy-loader';
import { PolicyDataError, policyProblems } from './policy-validation';

const shipped = join(__dirname, '..', '..', '..', 'policies');

describe('operator policies as data', () => {
  it('loads every shipped file with the RULES §4.1 complaint figures', () => {
    const catalog = loadPolicyCatalog(shipped);
    expect(catalog.operators()).toEqual(['FASTWEB', 'PSA', 'SKYFW', 'WINDTRE']);
    const psa = catalog.inForce('PSA', '2026-05-04T10:00:00Z');
    expect(psa?.complaints).toMatchObject({
      answerTerm: { days: 45, counting: 'SOLAR_DAYS' },
      complexityExtension: { allowed: true },
      billingFilingWindow: { days: 15 },
      latePaymentSuspendedWhilePending: { value: true },
    });
    const fastweb = catalog.inForce('FASTWEB', '2026-05-04T10:00:00Z');
    expect(fastweb?.complaints).toMatchObject({
      answerTerm: { days: 45 },
      complexityExtension: { allowed: false },
      billingFilingWindow: { days: null },
    });
    expect(
      catalog.inForce('WINDTRE', '2026-05-04T10:00:00Z')?.billingIncident?.recoveryStepDays,
    ).toBe(30);
    expect(catalog.inForce('TIM', '2026-05-04T10:00:00Z')).toBeNull();
  });

  it('CAL-9: a new version with an administrator-entered date needs no code and changes only later tickets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policies-'));
    const psa = JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    writeFileSync(join(dir, 'PSA.cds.json'), JSON.stringify(psa));
    writeFileSync(
      join(dir, 'PSA.agcom-255-24.json'),
      JSON.stringify({
        ...psa,
        version: 'PSA@agcom-255-24',
        effectiveFrom: '2026-09-01',
        complaints: {
          ...psa.complaints,
          answerTerm: { days: 30, counting: 'SOLAR_DAYS', clause: 'AGCOM Delibera 255/24/CONS' },
        },
      }),
    );
    const catalog = loadPolicyCatalog(dir);
    expect(catalog.inForce('PSA', '2026-08-31T21:59:59Z')?.version).toBe('PSA@cds');
    expect(catalog.inForce('PSA', '2026-08-31T22:00:00Z')?.version).toBe('PSA@agcom-255-24');
    expect(catalog.inForce('PSA', '2026-10-01T10:00:00Z')?.complaints.answerTerm.days).toBe(30);
    expect(catalog.version('PSA@cds')?.complaints.answerTerm.days).toBe(45);
  });

  it('refuses bad data, naming the file, the field and the reason', () => {
    expect(
      policyProblems({
        operator: 'psa',
        version: '',
        effectiveFrom: '2026-13-01',
        sources: 'x',
        complaints: {},
        extra: 1,
      }),
    ).toEqual(
      expect.arrayContaining([
        'extra is not a known field',
        'operator must be an operator code such as PSA',
        'version must be a non-empty string',
        'effectiveFrom must be a date YYYY-MM-DD, or null',
        'sources must be a list of source names',
        'complaints.answerTerm must be an object',
      ]),
    );
    const dir = mkdtempSync(join(tmpdir(), 'policies-'));
    const psa = JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(psa));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...psa, version: 'PSA@other' }));
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({
        ...psa,
        version: 'PSA@bad',
        complaints: {
          ...psa.complaints,
          answerTerm: { days: 4.5, counting: 'SOLAR_DAYS', clause: 'x' },
        },
      }),
    );
    let error: PolicyDataError | null = null;
    try {
      loadPolicyCatalog(dir);
    } catch (e) {
      error = e as PolicyDataError;
    }
    expect(error?.problems).toEqual([
      'c.json: complaints.answerTerm.days must be a positive whole number of days, or null when the seeds set none',
      'b.json: PSA already has a version in force from the start (a.json)',
    ]);
  });

  it('checks the indemnity and billing-incident figures (CMP-12, BIL-15)', () => {
    const psa = JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    expect(
      policyProblems({
        ...psa,
        complaints: {
          ...psa.complaints,
          lateIndemnity: {
            dailyCents: 5.5,
            capCents: 100,
            businessMultiplier: 1,
            basis: 'x',
            clause: 'c',
          },
        },
        billingIncident: {
          noticeChannel: 'letter',
          regularChargesResume: 'current_month',
          recoveryStepDays: 0,
          firstRecovery: 'same_day_next_month',
          prescriptionMonths: null,
          clause: 'c',
        },
      }),
    ).toEqual([
      'complaints.lateIndemnity.dailyCents must be whole cents, 0 or more',
      'complaints.lateIndemnity.basis must be one of contract, regulator',
      'billingIncident.noticeChannel must be one of sms',
      'billingIncident.recoveryStepDays must be a positive whole number',
    ]);
    expect(
      policyProblems({
        ...psa,
        complaints: {
          ...psa.complaints,
          lateIndemnity: { ...psa.complaints.lateIndemnity, capCents: 100, dailyCents: 500 },
        },
      }),
    ).toEqual(['complaints.lateIndemnity.capCents must not be below dailyCents']);
    const fastweb = loadPolicyCatalog(shipped).inForce('FASTWEB', '2026-05-04T10:00:00Z');
    expect(fastweb?.complaints.lateIndemnity).toMatchObject({
      dailyCents: 250,
      capCents: 30000,
      basis: 'regulator',
    });
  });

  describe('faults (RULES §4.2, §4.5)', () => {
    const psa = () => JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    const withFaults = (faults: Record<string, unknown>) => ({ ...psa(), faults });

    it('ships the repair figures for FASTWEB, SKYFW and PSA, each with its clause; WINDTRE has none', () => {
      const catalog = loadPolicyCatalog(shipped);
      const at = '2026-05-04T10:00:00Z';
      expect(catalog.inForce('FASTWEB', at)?.faults).toMatchObject({
        repairTerm: {
          kind: 'ELAPSED_HOURS',
          value: 72,
          rule: 'FLT-2',
          clause: 'FW-CDS §5.2; FW-CGC 9.1',
        },
        repairMethod: { remoteFirst: true, clause: 'FW-CDS §5.2' },
        complexRegime: { complex: 'REVIEW_ONLY', exceptionalWidespread: null },
        onSitePayments: { allowed: false, clause: 'FW-ANTIFRAUD item 6' },
        reopenWindow: { days: null },
        repairDelayIndemnity: {
          dailyCents: { residential: 500, business: 1000 },
          capDays: 10,
          capCents: null,
          supplementaryAssessmentBeyondDays: 10,
        },
        exceptionalFaultIndemnity: null,
      });
      expect(catalog.inForce('SKYFW', at)?.faults).toMatchObject({
        repairTerm: { kind: 'ELAPSED_HOURS', value: 72 },
        repairDelayIndemnity: { dailyCents: { residential: 500 }, capDays: 10 },
      });
      expect(catalog.inForce('PSA', at)?.faults).toMatchObject({
        repairTerm: { kind: 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY', value: 4, rule: 'FLT-6' },
        complexRegime: {
          complex: 'NO_FIXED_TERM',
          publishStatus: true,
          exceptionalWidespread: 'IND_9',
        },
        massOutageThreshold: { value: null },
        repairDelayIndemnity: { dailyCents: { residential: 500, business: 500 }, capCents: 5000 },
        exceptionalFaultIndemnity: {
          dailyCents: 250,
          startDaysAfterForceMajeure: 5,
          capCents: 5000,
        },
      });
      expect(catalog.inForce('WINDTRE', at)?.faults).toBeUndefined();
    });

    it('refuses bad fault figures, naming the field and the reason', () => {
      const faults = psa().faults;
      expect(
        policyProblems(
          withFaults({
            ...faults,
            repairTerm: { kind: 'DAYS', value: 0, rule: 'two', clause: '' },
            pause: { allowedKinds: ['STRIKE'], clause: 'x' },
            onSitePayments: { allowed: 'no', clause: null },
            reopenWindow: { days: 7, counting: 'NON_HOLIDAY_DAYS', clause: 'x' },
            repairDelayIndemnity: {
              ...faults.repairDelayIndemnity,
              dailyCents: { residential: -1 },
            },
            colour: 'red',
          }),
        ),
      ).toEqual([
        'faults.colour is not a known field',
        'faults.repairTerm.kind must be one of ELAPSED_HOURS, NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY',
        'faults.repairTerm.value must be a positive whole number',
        'faults.repairTerm.rule must be a rule id such as FLT-2',
        'faults.repairTerm.clause must be a non-empty string',
        'faults.pause.allowedKinds must be a non-empty list of distinct kinds among WAITING_ON_CUSTOMER, FORCE_MAJEURE, THIRD_PARTY_OR_AUTHORITY',
        'faults.onSitePayments.allowed must be true or false',
        'faults.reopenWindow.counting must be SOLAR_DAYS (CAL-2)',
        'faults.repairDelayIndemnity.dailyCents.residential must be whole cents, 0 or more',
        'faults.repairDelayIndemnity.dailyCents.business must be whole cents, 0 or more',
      ]);
    });

    it('FLT-10: the exceptional regime and its IND-9 figures go together; a repair indemnity is capped', () => {
      const faults = psa().faults;
      expect(policyProblems(withFaults({ ...faults, exceptionalFaultIndemnity: null }))).toEqual([
        'faults.exceptionalFaultIndemnity must be set exactly when complexRegime.exceptionalWidespread is IND_9',
      ]);
      expect(
        policyProblems(
          withFaults({
            ...faults,
            repairDelayIndemnity: { ...faults.repairDelayIndemnity, capCents: null },
          }),
        ),
      ).toEqual([
        'faults.repairDelayIndemnity.capDays or faults.repairDelayIndemnity.capCents must be set: a repair indemnity is capped',
      ]);
      expect(policyProblems(withFaults('72 hours' as never))).toEqual(['faults must be an object']);
    });
  });

  it('ships activation, maintenance and directory figures with their clauses (RULES §4.3–§4.5), and refuses bad ones by field and reason', () => {
    const catalog = loadPolicyCatalog(shipped);
    const at = '2026-05-04T10:00:00Z';
    expect(catalog.inForce('FASTWEB', at)?.activation).toMatchObject({
      term: { days: 60, startsAt: 'PROPOSAL_RECEIVED', rule: 'ACT-1', clause: 'FW-CDS §5.1' },
      technicalCheck: { days: 30, afterPositiveCheckDays: 30, rule: 'ACT-2' },
      relocationTerm: { days: null },
      informedDelay: { exempts: false },
      delayIndemnity: { dailyCents: { residential: 500, business: 1000 }, capDays: 10 },
      regulatoryIndemnity: { dailyCentsPerService: 750, creditAfterDays: 45 },
      applyRegulatoryFloor: { value: true },
    });
    expect(catalog.inForce('PSA', at)?.activation).toMatchObject({
      term: { days: 30, rule: 'ACT-9' },
      indirectBroadbandTerm: { days: 45 },
      informedDelay: { exempts: true, requiresNewDate: true, rule: 'ACT-10' },
      delayIndemnity: { dailyCents: { residential: 200 }, capCents: 3000 },
      payout: { mode: 'AUTOMATIC_AFTER_WRITTEN_REPORT' },
    });
    expect(catalog.inForce('FASTWEB', at)?.maintenance?.notice).toMatchObject({
      minIndemnified: { hours: 24, rule: 'MNT-1' },
      minContractual: { days: 5, clause: 'FW-CGC art. 4 last ¶' },
      channel: { value: 'web_area' },
    });
    expect(catalog.inForce('PSA', at)?.maintenance).toMatchObject({
      notice: { minIndemnified: { hours: 24, rule: 'MNT-2' }, minContractual: null },
      noticeIndemnity: { dailyCents: { residential: 500, business: 500 }, capCents: 5000 },
    });
    expect(catalog.inForce('SKYFW', at)?.directory?.errorIndemnity.flatCents).toEqual({
      residential: 2500,
      business: 5000,
    });
    expect(catalog.inForce('PSA', at)?.directory?.errorIndemnity).toEqual({
      flatCents: null,
      rules: [],
      clause: null,
    });
    const windtre = catalog.inForce('WINDTRE', at);
    expect([windtre?.activation, windtre?.maintenance, windtre?.directory]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);

    const psa = JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    expect(
      policyProblems({
        ...psa,
        activation: {
          ...psa.activation,
          term: { ...psa.activation.term, counting: 'WORKING_DAYS' },
          technicalCheck: { days: 30, afterPositiveCheckDays: null, rule: null, clause: null },
        },
        maintenance: {
          ...psa.maintenance,
          notice: { ...psa.maintenance.notice, channel: { value: 'pigeon', clause: 'x' } },
        },
        directory: {
          ...psa.directory,
          errorIndemnity: {
            flatCents: { residential: 2500, business: 5000 },
            rules: [],
            clause: null,
          },
        },
      }),
    ).toEqual([
      'activation.term.counting must be SOLAR_DAYS (CAL-2)',
      'maintenance.notice.channel.value must be one of web_area, website, sms, email, phone, registered_letter',
      'directory.errorIndemnity.rules and .clause must be set with a flat figure',
    ]);
    expect(
      policyProblems({
        ...psa,
        activation: {
          ...psa.activation,
          technicalCheck: { days: 30, afterPositiveCheckDays: null, rule: null, clause: null },
          payout: { ...psa.activation.payout, writtenReportChannels: null },
          delayIndemnity: { ...psa.activation.delayIndemnity, capCents: null },
        },
      }),
    ).toEqual([
      'activation.delayIndemnity.capDays or activation.delayIndemnity.capCents must be set: a contractual delay indemnity is capped',
    ]);
    expect(
      policyProblems({
        ...psa,
        activation: {
          ...psa.activation,
          technicalCheck: { days: 30, afterPositiveCheckDays: null, rule: null, clause: null },
          payout: { ...psa.activation.payout, writtenReportChannels: null },
        },
      }),
    ).toEqual([
      'activation.technicalCheck.rule must be set when a technical-check term is',
      'activation.technicalCheck.clause must be set when a technical-check term is',
      'activation.payout.writtenReportChannels must list the written channels when mode is AUTOMATIC_AFTER_WRITTEN_REPORT',
    ]);
  });

  it('ships the quality targets of QUA-2 (Fastweb 2017) and none for PSA (QUA-3), and refuses bad ones by field and reason', () => {
    const catalog = loadPolicyCatalog(shipped);
    const fastweb = catalog.inForce('FASTWEB', '2026-05-04T10:00:00Z')?.quality;
    expect(fastweb?.publication.periods).toEqual(['HALF_YEAR', 'YEAR']);
    const target = (indicator: string, service: string) =>
      fastweb?.targets.find((t) => t.indicator === indicator && t.service === service);
    expect(target('REPAIR_TIME_P80_HOURS', 'FIXED_VOICE')).toMatchObject({
      value: 20,
      unit: 'HOURS',
      comparison: 'AT_MOST',
      directive: '254/04/CSP',
    });
    expect(target('REPAIR_TIME_P95_HOURS', 'INTERNET_ACCESS')).toMatchObject({ value: 36 });
    expect(target('ACTIVATIONS_BY_AGREED_DATE_PCT', 'INTERNET_FIBRE')).toMatchObject({
      value: 99.2,
      comparison: 'AT_LEAST',
    });
    expect(target('ACTIVATION_TIME_P99_DAYS', 'FIXED_VOICE')).toMatchObject({
      value: 12.1,
      flag: 'AMB-30',
    });
    expect(catalog.inForce('PSA', '2026-05-04T10:00:00Z')?.quality?.targets).toEqual([]);

    const psa = JSON.parse(readFileSync(join(shipped, 'PSA.cds.json'), 'utf8'));
    const bad = {
      indicator: 'REPAIR_TIME_P80',
      service: 'FIXED_VOICE',
      directive: '254/04/CSP',
      year: 2017,
      value: -1,
      unit: 'HOURS',
      comparison: 'BELOW',
      clause: 'x',
      flag: 'nope',
    };
    expect(
      policyProblems({
        ...psa,
        quality: { publication: { periods: ['WEEK'], clause: 'x' }, targets: [bad] },
      }),
    ).toEqual([
      'quality.publication.periods must list HALF_YEAR and/or YEAR',
      expect.stringMatching(
        /^quality\.targets\[0\]\.indicator must be one of ACTIVATION_TIME_P95_DAYS/,
      ),
      'quality.targets[0].value must be a number ≥ 0',
      'quality.targets[0].comparison must be one of AT_MOST, AT_LEAST',
      'quality.targets[0].flag must be a rule id such as FLT-2',
    ]);
    const good = {
      ...bad,
      indicator: 'REPAIR_TIME_P80_HOURS',
      value: 20,
      comparison: 'AT_MOST',
      flag: null,
    };
    expect(
      policyProblems({
        ...psa,
        quality: { publication: { periods: ['YEAR'], clause: 'x' }, targets: [good, good] },
      }),
    ).toEqual(['quality.targets[1] repeats REPAIR_TIME_P80_HOURS/FIXED_VOICE/2017']);
  });

  describe('billing (RULES §4.6)', () => {
    const file = (name: string) => JSON.parse(readFileSync(join(shipped, name), 'utf8'));
    const psa = () => file('PSA.cds.json');
    const fastweb = () => file('FASTWEB.cds-2017.json');
    const withBilling = (policy: Record<string, unknown>, billing: unknown) => ({
      ...policy,
      billing,
    });
    const withLatePayment = (policy: Record<string, unknown>, latePayment: unknown) =>
      withBilling(policy, { ...(policy.billing as object), latePayment });
    const psaPenalty = (penalty: Record<string, unknown>) => {
      const policy = psa();
      return withLatePayment(policy, {
        ...policy.billing.latePayment,
        penalty: { ...policy.billing.latePayment.penalty, ...penalty },
      });
    };
    const brackets = (...list: unknown[]) => psaPenalty({ brackets: list });
    const at = 'billing.latePayment.penalty.brackets';

    it('ships the FASTWEB and PSA figures, without legal rates; SKYFW and WINDTRE have none', () => {
      const catalog = loadPolicyCatalog(shipped);
      const when = '2026-05-04T10:00:00Z';
      expect(catalog.inForce('FASTWEB', when)?.billing).toEqual({
        invoiceLeadTimeDays: 15,
        latePayment: {
          model: 'INTEREST',
          interest: {
            startAfterDays: 15,
            spreadBasisPoints: 300,
            dayCountBasis: 365,
            clause: 'FW-CDS §4.6; FW-CGC 12.5 (BIL-4, AMB-23)',
          },
          penalty: null,
          suspendedWhileBillingComplaintPending: null,
        },
        nonPayment: {
          suspensionAfterDays: 15,
          noticeRequired: true,
          terminationAfterDays: 15,
          reactivationFeeCents: 2400,
          clause: 'FW-CGC 12.6, 12.7, 17; FW-CDS §4.11 (BIL-5)',
        },
      });
      expect(catalog.version('PSA@cds')?.billing).toMatchObject({
        invoiceLeadTimeDays: 15,
        latePayment: {
          model: 'PENALTY_BRACKETS',
          interest: null,
          penalty: {
            brackets: [
              { fromDay: 1, toDay: 15, basisPoints: 200 },
              { fromDay: 16, toDay: null, basisPoints: 500 },
            ],
            grace: { regularPaymentsRequired: 3, maxDaysLate: 15 },
            chargedOn: 'FIRST_USEFUL_INVOICE',
          },
          suspendedWhileBillingComplaintPending: true,
        },
        nonPayment: { suspensionAfterDays: null, reactivationFeeCents: null },
      });
      expect(catalog.inForce('SKYFW', when)?.billing).toBeUndefined();
      expect(catalog.inForce('WINDTRE', when)?.billing).toBeUndefined();
      expect(policyProblems(psa())).toEqual([]);
      expect(policyProblems(fastweb())).toEqual([]);
    });

    it('refuses unknown fields, operator and version, and the legal rates (AMB-23)', () => {
      const policy = fastweb();
      const billing = policy.billing;
      expect(
        policyProblems(
          withBilling(policy, {
            ...billing,
            operator: 'FASTWEB',
            version: 'FASTWEB@cds-2017',
            latePayment: {
              ...billing.latePayment,
              interest: { ...billing.latePayment.interest, legalRates: [] },
              colour: 'red',
            },
            nonPayment: { ...billing.nonPayment, fee: 2400 },
          }),
        ),
      ).toEqual([
        'billing.operator is not a known field',
        'billing.version is not a known field',
        'billing.latePayment.colour is not a known field',
        'billing.latePayment.interest.legalRates is not a known field: legal rates are dated parameters an administrator enters (AMB-23)',
        'billing.nonPayment.fee is not a known field',
      ]);
      expect(policyProblems(withBilling(policy, 'INTEREST'))).toEqual([
        'billing must be an object',
      ]);
      expect(policyProblems(withBilling(policy, { invoiceLeadTimeDays: 15 }))).toEqual([
        'billing.latePayment must be an object',
        'billing.nonPayment must be an object',
      ]);
    });

    it('the model names its terms: INTEREST needs interest and no penalty, PENALTY_BRACKETS a penalty', () => {
      const fw = fastweb();
      const ps = psa();
      expect(
        policyProblems(withLatePayment(fw, { ...fw.billing.latePayment, interest: null })),
      ).toEqual(['billing.latePayment.interest must be set when model is INTEREST']);
      expect(
        policyProblems(
          withLatePayment(fw, {
            ...fw.billing.latePayment,
            penalty: ps.billing.latePayment.penalty,
          }),
        ),
      ).toEqual(['billing.latePayment.penalty must be null when model is INTEREST']);
      expect(
        policyProblems(withLatePayment(ps, { ...ps.billing.latePayment, penalty: null })),
      ).toEqual(['billing.latePayment.penalty must be set when model is PENALTY_BRACKETS']);
      expect(
        policyProblems(withLatePayment(ps, { ...ps.billing.latePayment, model: 'FINE' })),
      ).toEqual(['billing.latePayment.model must be one of INTEREST, PENALTY_BRACKETS']);
      const { interest: _interest, ...noInterest } = fw.billing.latePayment;
      expect(policyProblems(withLatePayment(fw, noInterest))).toEqual([
        'billing.latePayment.interest must be an object',
      ]);
    });

    it('BIL-7: brackets start at day 1, follow one another without gaps, and only the last is open-ended', () => {
      const open = { fromDay: 16, toDay: null, basisPoints: 500 };
      expect(policyProblems(brackets({ fromDay: 2, toDay: 15, basisPoints: 200 }, open))).toEqual([
        `${at}[0].fromDay must be 1: day 1 is the day after the due date (CAL-7)`,
      ]);
      expect(
        policyProblems(
          brackets({ fromDay: 1, toDay: 15, basisPoints: 200 }, { ...open, fromDay: 18 }),
        ),
      ).toEqual([
        `${at}[1].fromDay must be 16: brackets are in order, each from the day after the previous toDay`,
      ]);
      expect(
        policyProblems(
          brackets({ fromDay: 1, toDay: 15, basisPoints: 200 }, { ...open, fromDay: 10 }),
        ),
      ).toEqual([
        `${at}[1].fromDay must be 16: brackets are in order, each from the day after the previous toDay`,
      ]);
      expect(
        policyProblems(
          brackets(
            { fromDay: 1, toDay: 15, basisPoints: 200 },
            { fromDay: 16, toDay: 10, basisPoints: 300 },
            { ...open, fromDay: 11 },
          ),
        ),
      ).toEqual([`${at}[1].toDay must not be before its fromDay`]);
      expect(policyProblems(brackets({ fromDay: 1, toDay: null, basisPoints: 200 }, open))).toEqual(
        [`${at}[0].toDay must be set: only the last bracket is open-ended`],
      );
      expect(
        policyProblems(
          brackets({ fromDay: 1, toDay: 15, basisPoints: 200 }, { ...open, toDay: 30 }),
        ),
      ).toEqual([`${at}[1].toDay must be null: the last bracket is open-ended`]);
      expect(policyProblems(brackets())).toEqual([`${at} must be a non-empty list of brackets`]);
      expect(policyProblems(psaPenalty({ brackets: { fromDay: 1 } }))).toEqual([
        `${at} must be a non-empty list of brackets`,
      ]);
      expect(
        policyProblems(
          brackets({ fromDay: 0, toDay: 15.5, basisPoints: -1 }, { ...open, basisPoints: 2.5 }),
        ),
      ).toEqual([
        `${at}[0].fromDay must be a positive whole number`,
        `${at}[0].toDay must be a positive whole number`,
        `${at}[0].basisPoints must be whole basis points, 0 or more`,
        `${at}[1].basisPoints must be whole basis points, 0 or more`,
      ]);
      expect(
        policyProblems(brackets({ fromDay: 1, toDay: null, basisPoints: 0, rate: 2 })),
      ).toEqual([`${at}[0].rate is not a known field`]);
      expect(policyProblems(brackets({ fromDay: 1, toDay: null, basisPoints: 0 }))).toEqual([]);
    });

    it('refuses bad figures by field and reason: basis points, day count, days, clauses', () => {
      const fw = fastweb();
      expect(
        policyProblems(
          withBilling(fw, {
            invoiceLeadTimeDays: 0,
            latePayment: {
              ...fw.billing.latePayment,
              interest: {
                startAfterDays: null,
                spreadBasisPoints: 3.5,
                dayCountBasis: 360,
                clause: '',
              },
              suspendedWhileBillingComplaintPending: 'yes',
            },
            nonPayment: {
              suspensionAfterDays: -15,
              noticeRequired: 'always',
              terminationAfterDays: 1.5,
              reactivationFeeCents: 24.5,
              clause: ' ',
            },
          }),
        ),
      ).toEqual([
        'billing.invoiceLeadTimeDays must be a positive whole number of days, or null when the seeds set none',
        'billing.latePayment.interest.startAfterDays must be a positive whole number',
        'billing.latePayment.interest.spreadBasisPoints must be whole basis points, 0 or more',
        'billing.latePayment.interest.dayCountBasis must be 365 (BIL-4: × days / 365)',
        'billing.latePayment.interest.clause must be a non-empty string',
        'billing.latePayment.suspendedWhileBillingComplaintPending must be true or false',
        'billing.nonPayment.suspensionAfterDays must be a positive whole number of days, or null when the seeds set none',
        'billing.nonPayment.noticeRequired must be true or false',
        'billing.nonPayment.terminationAfterDays must be a positive whole number of days, or null when the seeds set none',
        'billing.nonPayment.reactivationFeeCents must be whole cents, 0 or more',
        'billing.nonPayment.clause must be a non-empty string',
      ]);
      expect(
        policyProblems(
          psaPenalty({
            grace: { regularPaymentsRequired: 0, maxDaysLate: null, clause: '' },
            chargedOn: 'NEXT_INVOICE',
            clause: null,
          }),
        ),
      ).toEqual([
        'billing.latePayment.penalty.grace.regularPaymentsRequired must be a positive whole number',
        'billing.latePayment.penalty.grace.maxDaysLate must be a positive whole number',
        'billing.latePayment.penalty.grace.clause must be a non-empty string',
        'billing.latePayment.penalty.chargedOn must be one of FIRST_USEFUL_INVOICE',
        'billing.latePayment.penalty.clause must be a non-empty string',
      ]);
      // "—" in the seeds is null where the figure may be absent.
      expect(policyProblems(psaPenalty({ grace: null, chargedOn: null }))).toEqual([]);
    });

    it('a file with a broken billing section stops the load, naming the file and the field', () => {
      const dir = mkdtempSync(join(tmpdir(), 'policies-'));
      const policy = psa();
      writeFileSync(
        join(dir, 'PSA.cds.json'),
        JSON.stringify(brackets({ fromDay: 1, toDay: 15, basisPoints: 200 })),
      );
      expect(() => loadPolicyCatalog(dir)).toThrow(PolicyDataError);
      try {
        loadPolicyCatalog(dir);
      } catch (e) {
        expect((e as PolicyDataError).problems).toEqual([
          `PSA.cds.json: ${at}[0].toDay must be null: the last bracket is open-ended`,
        ]);
      }
      writeFileSync(join(dir, 'PSA.cds.json'), JSON.stringify(policy));
      expect(loadPolicyCatalog(dir).version('PSA@cds')?.billing?.latePayment.model).toBe(
        'PENALTY_BRACKETS',
      );
    });
  });
});
