import { addDays, daysBetween, romeDateOf } from '@sportello/sla';
import {
  AffectedScope,
  CUSTOMER_TYPES,
  CustomerType,
  MaintenanceNoticeIndemnityAssessed,
} from './maintenance.events';
import { MaintenancePolicy } from './maintenance.policy';

export type MaintenanceIndemnity = Omit<
  MaintenanceNoticeIndemnityAssessed['data'],
  'windowId' | 'policyVersion'
>;

const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/** MNT-3, AMB-10: every Europe/Rome calendar day the interruption touches, at least one; an end
 * at midnight does not touch the day it opens. */
export function daysTouchedBy(startedAt: string, endedAt: string): string[] {
  const first = romeDateOf(startedAt);
  const lastInstant = Math.max(Date.parse(startedAt), Date.parse(endedAt) - 1);
  const last = romeDateOf(new Date(lastInstant).toISOString());
  const count = Math.max(0, daysBetween(first, last)) + 1;
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** IND-12 MAINTENANCE_NOTICE: days touched × the repair-delay rate of each customer type, capped
 * by days (Fastweb IND-1) or by amount (PSA IND-8), per affected customer (MNT-3, AMB-10). */
export function assessNoticeIndemnity(
  policy: MaintenancePolicy,
  affected: AffectedScope,
  startedAt: string,
  endedAt: string,
): MaintenanceIndemnity {
  const rate = policy.indemnity;
  const daysTouched = daysTouchedBy(startedAt, endedAt);
  const days = daysTouched.length;
  const daysPaid = rate.capDays === null ? days : Math.min(days, rate.capDays);
  const amountFor = (type: CustomerType) => {
    const paid = daysPaid * rate.dailyCents[type];
    return rate.capCents === null ? paid : Math.min(paid, rate.capCents);
  };
  const perCustomer = Object.fromEntries(
    CUSTOMER_TYPES.map((type) => [
      type,
      { dailyCents: rate.dailyCents[type], amountCents: amountFor(type) },
    ]),
  ) as MaintenanceIndemnity['perCustomer'];
  const lines =
    affected.kind === 'lines'
      ? affected.lines.map((line) => ({ ...line, amountCents: amountFor(line.customerType) }))
      : null;
  const totalCents = lines ? lines.reduce((sum, line) => sum + line.amountCents, 0) : null;
  return {
    indemnityType: 'MAINTENANCE_NOTICE',
    rules: ['MNT-3', 'AMB-10', ...rate.rules],
    clause: rate.clause,
    daysTouched,
    days,
    daysPaid,
    capDays: rate.capDays,
    capCents: rate.capCents,
    perCustomer,
    lines,
    affectedCount: lines ? lines.length : affected.kind === 'count' ? affected.count : 0,
    totalCents,
    regulatoryReference: null,
    currency: 'EUR',
    summary:
      `${days} calendar day(s) touched by the unannounced interruption (${daysTouched.join(', ')}): ` +
      `${euro(perCustomer.residential.amountCents)} per residential customer, ` +
      `${euro(perCustomer.business.amountCents)} per business customer (MNT-3, AMB-10).`,
  };
}
