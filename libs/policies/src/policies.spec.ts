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
});
