import { daysBetween, romeDateOf } from '@sportello/sla';
import { InterruptionKind, MaintenanceNotice, NoticeCompliance } from './maintenance.events';
import { MaintenancePolicy } from './maintenance.policy';

const HOUR = 3_600_000;
const ms = (instant: string) => Date.parse(instant);
const hours = (value: number) => Math.round((value / HOUR) * 100) / 100;

function channelOf(policy: MaintenancePolicy, notice: MaintenanceNotice | null) {
  const expected = policy.notice.channel;
  const used = notice?.channel ?? null;
  return {
    used,
    expected,
    asPolicy: notice === null ? null : expected === null || used === expected,
    clause: policy.notice.channelClause,
  };
}

function unplanned(
  policy: MaintenancePolicy,
  stage: NoticeCompliance['stage'],
  interruptionStart: string,
  notice: MaintenanceNotice | null,
): NoticeCompliance {
  const { notice: rules } = policy;
  const exempt = rules.unplannedFaultsExempt === true;
  return {
    stage,
    status: 'NOT_REQUIRED',
    interruptionStart,
    noticeAt: notice?.publishedAt ?? null,
    noticeMs: null,
    noticeHours: null,
    noticeSolarDays: null,
    indemnified: null,
    contractual: null,
    channel: channelOf(policy, notice),
    consequence: 'NONE',
    rules: exempt ? ['MNT-1'] : [rules.indemnifiedRule],
    summary: exempt
      ? `A suspension caused by a fault of the network or of the operator's equipment needs no notice (MNT-1, ${rules.unplannedClause}); the fault rules apply.`
      : `${rules.indemnifiedRule} (${rules.indemnifiedClause}) requires notice of planned maintenance only; an unplanned fault follows the fault rules.`,
  };
}

/**
 * MNT-1, MNT-2, MNT-4, AMB-10: how much notice a planned interruption had, against the indemnified
 * minimum (elapsed hours, CAL-6) and the contractual one (solar days, CAL-2). No notice is PENDING
 * before the start and a breach at the start.
 */
export function noticeCompliance(
  policy: MaintenancePolicy,
  kind: InterruptionKind,
  stage: NoticeCompliance['stage'],
  interruptionStart: string,
  notice: MaintenanceNotice | null,
): NoticeCompliance {
  if (kind === 'unplanned_fault') return unplanned(policy, stage, interruptionStart, notice);
  const rules = policy.notice;
  const noticeMs = notice ? Math.max(0, ms(interruptionStart) - ms(notice.publishedAt)) : null;
  const noticeSolarDays = notice
    ? Math.max(0, daysBetween(romeDateOf(notice.publishedAt), romeDateOf(interruptionStart)))
    : null;
  const final = stage === 'start';
  const indemnified =
    rules.minIndemnifiedHours === null
      ? null
      : {
          rule: rules.indemnifiedRule,
          clause: rules.indemnifiedClause,
          minHours: rules.minIndemnifiedHours,
          met:
            noticeMs === null
              ? final
                ? false
                : null
              : noticeMs >= rules.minIndemnifiedHours * HOUR,
        };
  const contractual =
    rules.minContractualDays === null
      ? null
      : {
          rule: rules.contractualRule ?? rules.indemnifiedRule,
          clause: rules.contractualClause ?? rules.indemnifiedClause,
          minDays: rules.minContractualDays,
          met:
            noticeSolarDays === null
              ? final
                ? false
                : null
              : noticeSolarDays >= rules.minContractualDays,
        };
  const status: NoticeCompliance['status'] =
    indemnified?.met === false
      ? 'INDEMNIFIED_BREACH'
      : contractual?.met === false
        ? 'CONTRACTUAL_BREACH'
        : notice === null
          ? 'PENDING'
          : 'COMPLIANT';
  const consequence =
    status === 'INDEMNIFIED_BREACH'
      ? 'INDEMNITY'
      : status === 'CONTRACTUAL_BREACH'
        ? 'SUPERVISOR_FLAG'
        : 'NONE';
  const parts: string[] = [];
  if (indemnified)
    parts.push(
      `${indemnified.met === false ? 'below' : indemnified.met ? 'meets' : 'awaits'} the ${indemnified.minHours} h minimum (${indemnified.rule}, ${indemnified.clause})`,
    );
  if (contractual)
    parts.push(
      `${contractual.met === false ? 'below' : contractual.met ? 'meets' : 'awaits'} the ${contractual.minDays}-day contractual notice (${contractual.rule}, ${contractual.clause})`,
    );
  const verdict = {
    INDEMNIFIED_BREACH: 'breach indemnified per calendar day of interruption (MNT-3, AMB-10)',
    CONTRACTUAL_BREACH: 'breach flagged to supervisors, no indemnity (AMB-10)',
    PENDING: 'no notice published yet',
    COMPLIANT: 'compliant',
    NOT_REQUIRED: 'no notice required',
  }[status];
  const lead =
    noticeMs === null
      ? `No notice before ${interruptionStart}`
      : `Notice of ${hours(noticeMs)} h (${noticeSolarDays} solar day(s)) before ${interruptionStart}`;
  return {
    stage,
    status,
    interruptionStart,
    noticeAt: notice?.publishedAt ?? null,
    noticeMs,
    noticeHours: noticeMs === null ? null : hours(noticeMs),
    noticeSolarDays,
    indemnified,
    contractual,
    channel: channelOf(policy, notice),
    consequence,
    rules: [
      ...new Set([
        rules.indemnifiedRule,
        ...(contractual ? [contractual.rule] : []),
        'MNT-4',
        'CAL-6',
        ...(contractual ? ['CAL-2'] : []),
        ...(status.endsWith('BREACH') ? ['AMB-10'] : []),
        ...(status === 'INDEMNIFIED_BREACH' ? ['MNT-3'] : []),
      ]),
    ],
    summary: `${lead}: ${parts.join('; ')} → ${verdict}.`,
  };
}
