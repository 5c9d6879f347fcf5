import { QualityFigures, QualityIndicatorName, QualityTarget } from '@sportello/policies';

export type MeasureUnit = 'HOURS' | 'DAYS' | 'PERCENT';

/** One figure of the report, with the count of tickets behind it and how it was measured. */
export interface Measure {
  id: string;
  /** The QUA-2 indicator a target names, where this measure is the one compared. */
  indicator: QualityIndicatorName | null;
  label: string;
  value: number | null;
  unit: MeasureUnit;
  /** Tickets (or invoices) behind the figure: the denominator or the population. */
  tickets: number;
  numerator: number | null;
  clock: string;
  definition: string;
  rules: string[];
}

/** How each figure is defined (QUA-2, QUA-4, EXT-QUA-1): what counts and which clock. */
export const MEASURES: Record<
  string,
  Pick<Measure, 'indicator' | 'label' | 'unit' | 'clock' | 'definition' | 'rules'>
> = {
  REPAIR_TIME_P80_HOURS: {
    indicator: 'REPAIR_TIME_P80_HOURS',
    label: 'Repair time, 80th percentile',
    unit: 'HOURS',
    clock: 'elapsed hours from the report to the restoration, net of CAL-8 pauses',
    definition:
      'Faults closed as repaired in the period; nearest-rank percentile (rank = ⌈0.80·N⌉ of the ordered times)',
    rules: ['QUA-2', 'QUA-4', 'CAL-8'],
  },
  REPAIR_TIME_P95_HOURS: {
    indicator: 'REPAIR_TIME_P95_HOURS',
    label: 'Repair time, 95th percentile',
    unit: 'HOURS',
    clock: 'elapsed hours from the report to the restoration, net of CAL-8 pauses',
    definition: 'Faults closed as repaired in the period; nearest-rank percentile (⌈0.95·N⌉)',
    rules: ['QUA-2', 'QUA-4', 'CAL-8'],
  },
  REPAIR_TIME_P80_HOURS_RAW: {
    indicator: null,
    label: 'Repair time, 80th percentile (raw)',
    unit: 'HOURS',
    clock: 'elapsed hours from the report to the restoration, pauses included',
    definition: 'As REPAIR_TIME_P80_HOURS without deducting pauses (QUA-4 computes both)',
    rules: ['QUA-4'],
  },
  REPAIR_TIME_P95_HOURS_RAW: {
    indicator: null,
    label: 'Repair time, 95th percentile (raw)',
    unit: 'HOURS',
    clock: 'elapsed hours from the report to the restoration, pauses included',
    definition: 'As REPAIR_TIME_P95_HOURS without deducting pauses',
    rules: ['QUA-4'],
  },
  REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT: {
    indicator: 'REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT',
    label: 'Repairs within the contractual time',
    unit: 'PERCENT',
    clock: "the policy's due instant, after pauses (FLT-2, FLT-6)",
    definition:
      'Faults closed as repaired in the period and restored by their due instant / those with a contractual term (faults without a fixed term, FLT-8/FLT-10, are left out)',
    rules: ['QUA-2', 'QUA-4'],
  },
  ACTIVATION_TIME_P95_DAYS: {
    indicator: 'ACTIVATION_TIME_P95_DAYS',
    label: 'Activation time, 95th percentile',
    unit: 'DAYS',
    clock: 'elapsed days from the valid order to the service available, net of CAL-8 pauses',
    definition: 'Activations (not relocations) completed in the period; nearest-rank ⌈0.95·N⌉',
    rules: ['QUA-2', 'QUA-4'],
  },
  ACTIVATION_TIME_P99_DAYS: {
    indicator: 'ACTIVATION_TIME_P99_DAYS',
    label: 'Activation time, 99th percentile',
    unit: 'DAYS',
    clock: 'elapsed days from the valid order to the service available, net of CAL-8 pauses',
    definition: 'Activations completed in the period; nearest-rank ⌈0.99·N⌉',
    rules: ['QUA-2', 'QUA-4'],
  },
  ACTIVATIONS_BY_AGREED_DATE_PCT: {
    indicator: 'ACTIVATIONS_BY_AGREED_DATE_PCT',
    label: 'Activations by the agreed date',
    unit: 'PERCENT',
    clock: 'the activation deadline in force (ACT-1, ACT-9; an announced date, ACT-10)',
    definition: 'Activations completed in the period on or before their deadline / all completed',
    rules: ['QUA-2'],
  },
  INVOICES_DISPUTED_PCT: {
    indicator: 'INVOICES_DISPUTED_PCT',
    label: 'Invoices disputed',
    unit: 'PERCENT',
    clock: 'complaint receipt date and invoice issue date (Europe/Rome)',
    definition:
      'Distinct invoices named by billing complaints received in the period / invoices issued in the period',
    rules: ['QUA-2'],
  },
  BILLING_ACCURACY_PCT: {
    indicator: 'BILLING_ACCURACY_PCT',
    label: 'Invoices with a founded complaint and a re-credit',
    unit: 'PERCENT',
    clock: 'answer date and invoice issue date (Europe/Rome)',
    definition:
      'Distinct invoices whose billing complaint was upheld with a refund in the period / invoices issued in the period',
    rules: ['QUA-2', 'CMP-11'],
  },
  BILLING_COMPLAINTS_UPHELD_WITH_REFUND_PCT: {
    indicator: null,
    label: 'Billing complaints upheld with a refund',
    unit: 'PERCENT',
    clock: 'answer date (Europe/Rome)',
    definition:
      'Billing complaints answered in the period that were upheld with a refund / all answered',
    rules: ['QUA-2', 'CMP-11'],
  },
  COMPLAINT_ANSWER_TIME_P50_DAYS: {
    indicator: null,
    label: 'Complaint answer time, median',
    unit: 'DAYS',
    clock: 'elapsed days from receipt (CMP-4) to the written answer; never paused (CAL-8)',
    definition: 'Complaints answered in the period; nearest-rank ⌈0.50·N⌉',
    rules: ['CMP-5', 'EXT-CMP-1'],
  },
  COMPLAINT_ANSWER_TIME_P95_DAYS: {
    indicator: null,
    label: 'Complaint answer time, 95th percentile',
    unit: 'DAYS',
    clock: 'elapsed days from receipt (CMP-4) to the written answer',
    definition: 'Complaints answered in the period; nearest-rank ⌈0.95·N⌉',
    rules: ['CMP-5', 'EXT-CMP-1'],
  },
  COMPLAINTS_ANSWERED_WITHIN_TERM_PCT: {
    indicator: null,
    label: 'Complaints answered within the term',
    unit: 'PERCENT',
    clock: 'the answer deadline in force (CMP-5, CMP-7)',
    definition: 'Complaints answered in the period by their deadline / all answered',
    rules: ['CMP-5', 'EXT-CMP-1'],
  },
};

/** QUA-2 indicators the log cannot measure, and why. */
export const NOT_MEASURED: Partial<Record<QualityIndicatorName, string>> = {
  FAULT_RATE_PCT_YEAR: 'needs the average number of access lines, which the log does not hold',
  CALL_CENTRE_WAIT_BEFORE_HUMAN_SECONDS: 'needs call-centre telephony data',
  CALL_CENTRE_HUMAN_ANSWER_SECONDS: 'needs call-centre telephony data',
  CALLS_ANSWERED_WITHIN_20S_PCT: 'needs call-centre telephony data',
  CPS_PROVISIONING_P95_DAYS: 'carrier pre-selection orders are not tickets here',
  CPS_PROVISIONING_P99_DAYS: 'carrier pre-selection orders are not tickets here',
  CPS_FAULT_RATE_PCT_YEAR: 'carrier pre-selection lines are not tickets here',
  CPS_REPAIR_P80_HOURS: 'carrier pre-selection faults are not told apart',
  CPS_REPAIR_P95_HOURS: 'carrier pre-selection faults are not told apart',
};

/** A measure from its id, value and counts. */
export function measure(
  id: keyof typeof MEASURES,
  value: number | null,
  tickets: number,
  numerator: number | null = null,
): Measure {
  return { id, ...MEASURES[id], value, tickets, numerator };
}

/** Half-up to two decimals, for hours, days and percentages shown. */
export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** A share as a percentage with two decimals; null when nothing is behind it. */
export const percent = (part: number, whole: number) =>
  whole === 0 ? null : round2((part / whole) * 100);

export interface TargetComparison {
  indicator: QualityIndicatorName;
  service: QualityTarget['service'];
  directive: string;
  year: number;
  target: number;
  unit: QualityTarget['unit'];
  comparison: QualityTarget['comparison'];
  clause: string;
  measured: number | null;
  tickets: number;
  /** null: not measurable, nothing measured, or the target is flagged unusable (e.g. AMB-30). */
  met: boolean | null;
  note: string | null;
  flag: string | null;
}

/** QUA-2: each declared target against the measure of the same indicator. */
export function compareWithTargets(
  quality: QualityFigures | undefined,
  measures: Measure[],
): TargetComparison[] {
  return (quality?.targets ?? []).map((target) => {
    const found = measures.find((m) => m.indicator === target.indicator) ?? null;
    const base = {
      indicator: target.indicator,
      service: target.service,
      directive: target.directive,
      year: target.year,
      target: target.value,
      unit: target.unit,
      comparison: target.comparison,
      clause: target.clause,
      flag: target.flag,
      measured: found?.value ?? null,
      tickets: found?.tickets ?? 0,
    };
    if (target.flag)
      return { ...base, met: null, note: `The published figure is flagged (${target.flag})` };
    if (!found)
      return { ...base, met: null, note: NOT_MEASURED[target.indicator] ?? 'not measured' };
    if (found.value === null)
      return { ...base, met: null, note: 'nothing to measure in the period' };
    const met =
      target.comparison === 'AT_MOST' ? found.value <= target.value : found.value >= target.value;
    return {
      ...base,
      met,
      note:
        target.service === 'FIXED_VOICE'
          ? null
          : 'measured over every ticket of the operator: services are not told apart',
    };
  });
}
