import { QualityFigures } from '@sportello/policies';
import { compareWithTargets, measure, percent, round2 } from './quality-indicators';
import { periodOf } from './quality-period';

const targets: QualityFigures = {
  publication: { periods: ['HALF_YEAR', 'YEAR'], clause: 'FW-CDS §6' },
  targets: [
    {
      indicator: 'REPAIR_TIME_P80_HOURS',
      service: 'FIXED_VOICE',
      directive: '254/04/CSP',
      year: 2017,
      value: 20,
      unit: 'HOURS',
      comparison: 'AT_MOST',
      clause: 'FW-OBJ2017',
      flag: null,
    },
    {
      indicator: 'REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT',
      service: 'INTERNET_ACCESS',
      directive: '131/06/CSP',
      year: 2017,
      value: 100,
      unit: 'PERCENT',
      comparison: 'AT_LEAST',
      clause: 'FW-OBJ2017',
      flag: null,
    },
    {
      indicator: 'ACTIVATION_TIME_P99_DAYS',
      service: 'FIXED_VOICE',
      directive: '254/04/CSP',
      year: 2017,
      value: 12.1,
      unit: 'DAYS',
      comparison: 'AT_MOST',
      clause: 'FW-OBJ2017',
      flag: 'AMB-30',
    },
    {
      indicator: 'CALLS_ANSWERED_WITHIN_20S_PCT',
      service: 'FIXED_VOICE',
      directive: '254/04/CSP',
      year: 2017,
      value: 45,
      unit: 'PERCENT',
      comparison: 'AT_LEAST',
      clause: 'FW-OBJ2017',
      flag: null,
    },
  ],
};

describe('quality indicators against the declared targets (QUA-1, QUA-2, QUA-4)', () => {
  it('QUA-2: AT_MOST and AT_LEAST targets are met or missed by the measure of the same indicator, with its ticket count', () => {
    const compared = compareWithTargets(targets, [
      measure('REPAIR_TIME_P80_HOURS', 19.5, 120),
      measure('REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT', 97.5, 118, 115),
      measure('ACTIVATION_TIME_P99_DAYS', 30, 40),
    ]);
    expect(compared.map((c) => [c.indicator, c.measured, c.tickets, c.met])).toEqual([
      ['REPAIR_TIME_P80_HOURS', 19.5, 120, true],
      ['REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT', 97.5, 118, false],
      ['ACTIVATION_TIME_P99_DAYS', 30, 40, null],
      ['CALLS_ANSWERED_WITHIN_20S_PCT', null, 0, null],
    ]);
    expect(compared[2].note).toContain('AMB-30');
    expect(compared[3].note).toContain('telephony');
  });

  it('QUA-2: nothing measured in the period gives no verdict; a policy without targets (PSA, QUA-3) gives none', () => {
    expect(
      compareWithTargets(targets, [measure('REPAIR_TIME_P80_HOURS', null, 0)])[0],
    ).toMatchObject({
      met: null,
      note: 'nothing to measure in the period',
    });
    expect(compareWithTargets({ ...targets, targets: [] }, [])).toEqual([]);
    expect(compareWithTargets(undefined, [])).toEqual([]);
  });

  it('QUA-4: shares and times are rounded half-up to two decimals; an empty share is null', () => {
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(0, 0)).toBeNull();
    expect(round2(19.995)).toBe(20);
  });

  it('QUA-1, EXT-QUA-1: results per half-year and per year (and quarter, month)', () => {
    expect(periodOf('2026')).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('2026-H1')).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodOf('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('2028-Q1')).toMatchObject({ from: '2028-01-01', to: '2028-03-31' });
    expect(periodOf('2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('2026-12')).toMatchObject({ to: '2026-12-31' });
    expect(periodOf('2026-H3')).toBeNull();
  });
});
