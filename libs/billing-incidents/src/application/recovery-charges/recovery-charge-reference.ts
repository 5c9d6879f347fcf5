import { CommandHandler } from '@sportello/eventstore';
import { BillingPeriod, isBillingPeriod } from '../../domain/billing-period';
import { billingRecoveryDecider } from '../../domain/billing-recovery.decider';
import { billingRecoveryStream } from '../billing-incident-streams';

/**
 * A recovery charge as another feature sees it, e.g. a complaint disputing it "like any billing
 * item". `chargeId` (`<recoveryId>:<YYYY-MM>`) is stable: the plan derives it, replays keep it.
 */
export interface RecoveryChargeReference {
  kind: 'billing-recovery-charge';
  chargeId: string;
  recoveryId: string;
  incidentId: string;
  subjectId: string;
  operator: string;
  policyVersion: string;
  recovers: BillingPeriod;
  label: string;
  dueOn: string;
  amountCents: number;
  currency: 'EUR';
  /** Null until a supervisor records the invoice that carried it. */
  invoiceNumber: string | null;
  billedOn: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseChargeId(
  chargeId: string,
): { recoveryId: string; period: BillingPeriod } | null {
  const at = chargeId.lastIndexOf(':');
  if (at < 0) return null;
  const recoveryId = chargeId.slice(0, at);
  const period = chargeId.slice(at + 1);
  return UUID.test(recoveryId) && isBillingPeriod(period) ? { recoveryId, period } : null;
}

/** The charge from the customer's recovery stream (authoritative), or null if no plan lists it. */
export async function findRecoveryCharge(
  handler: CommandHandler,
  chargeId: string,
): Promise<RecoveryChargeReference | null> {
  const parsed = parseChargeId(chargeId);
  if (!parsed) return null;
  const { state } = await handler.load(
    billingRecoveryDecider,
    billingRecoveryStream(parsed.recoveryId),
  );
  if (state.status === 'none' || !state.plan) return null;
  const charge = state.plan.charges.find((c) => c.chargeId === chargeId);
  if (!charge) return null;
  const billed = state.billed[chargeId];
  return {
    kind: 'billing-recovery-charge',
    chargeId,
    recoveryId: state.recoveryId,
    incidentId: state.incidentId,
    subjectId: state.subjectId,
    operator: state.operator,
    policyVersion: state.policyVersion,
    recovers: charge.recovers,
    label: charge.label,
    dueOn: charge.dueOn,
    amountCents: charge.amountCents,
    currency: charge.currency,
    invoiceNumber: billed?.invoiceNumber ?? null,
    billedOn: billed?.billedOn ?? null,
  };
}
