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
});
