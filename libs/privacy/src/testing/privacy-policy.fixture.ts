import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivacyPolicy } from '../domain/privacy-policy';
import { validatePrivacyPolicy } from '../policies/privacy-policy.validation';

export const SHIPPED_PRIVACY_POLICIES = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'policies',
  'privacy',
);

export function shippedPrivacyPolicy(): PrivacyPolicy {
  return validatePrivacyPolicy(
    JSON.parse(readFileSync(join(SHIPPED_PRIVACY_POLICIES, 'retention.json'), 'utf8')),
  );
}

/** The shipped policy with the periods an administrator would set (for tests). */
export function privacyPolicyWith(periods: {
  ticketHistoryDays?: Record<string, number>;
  accountingRecordsYears?: number;
}): PrivacyPolicy {
  const policy = shippedPrivacyPolicy();
  return {
    ...policy,
    profiles: policy.profiles.map((p) => ({
      ...p,
      retention: {
        ticketHistory: {
          ...p.retention.ticketHistory,
          days: periods.ticketHistoryDays?.[p.operator] ?? p.retention.ticketHistory.days,
        },
      },
    })),
    legalHolds: policy.legalHolds.map((h) =>
      h.kind === 'statutory-records' && periods.accountingRecordsYears !== undefined
        ? { ...h, period: { ...h.period, years: periods.accountingRecordsYears } }
        : h,
    ),
  };
}
