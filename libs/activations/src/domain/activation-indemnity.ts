import { addDays, romeDateOf } from '@sportello/sla';
import {
  ActivationIndemnityAssessed,
  ActivationService,
  CustomerType,
  RequestKind,
} from './activation.events';
import { ActivationPolicy, DelayIndemnityRate } from './activation.policy';

export type ActivationIndemnity = Omit<
  ActivationIndemnityAssessed['data'],
  'activationId' | 'subjectId' | 'policyVersion'
>;

export interface IndemnityFacts {
  requestKind: RequestKind;
  customerType: CustomerType;
  services: readonly ActivationService[];
  dueDate: string;
  activatedAt: string;
  /** CAL-7: calendar days after the due date through the activation day. */
  daysOfDelay: number;
  announcedDate: string | null;
}

const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/** IND-1 / IND-5; a relocation without its own figures is indemnified as an activation (AMB-8). */
export function delayRateOf(
  policy: ActivationPolicy,
  requestKind: RequestKind,
): { rate: DelayIndemnityRate; rules: string[] } {
  const { activationDelay, relocationDelay } = policy.indemnity;
  if (requestKind === 'relocation' && relocationDelay === null)
    return { rate: activationDelay, rules: [...activationDelay.rules, 'AMB-8'] };
  const rate =
    requestKind === 'relocation' ? (relocationDelay as DelayIndemnityRate) : activationDelay;
  return { rate, rules: [...rate.rules] };
}

function contractual(policy: ActivationPolicy, facts: IndemnityFacts) {
  const { rate, rules } = delayRateOf(policy, facts.requestKind);
  const dailyCents = rate.dailyCents[facts.customerType];
  const days = facts.daysOfDelay;
  const daysPaid = rate.capDays === null ? days : Math.min(days, rate.capDays);
  const paid = daysPaid * dailyCents;
  return {
    rules: ['CAL-7', ...rules],
    clause: rate.clause,
    dailyCents,
    capDays: rate.capDays,
    capCents: rate.capCents,
    daysPaid,
    uncappedCents: days * dailyCents,
    amountCents: rate.capCents === null ? paid : Math.min(paid, rate.capCents),
  };
}

/** EXT-IND-2 per day of delay; EXT-IND-8: the network access counts as one service (a voice +
 * broadband request earns one daily figure, AS-30), ultra-broadband internet +1/3, business ×2. */
function regulatory(policy: ActivationPolicy, facts: IndemnityFacts) {
  const figures = policy.indemnity.regulatory;
  const multiplier = facts.customerType === 'business' ? figures.businessMultiplier : 1;
  const ultraBroadband = facts.services.includes('ultra_broadband');
  const base = ultraBroadband
    ? figures.ultraBroadbandDailyCentsPerService
    : figures.dailyCentsPerService;
  const dailyCents = base * multiplier;
  return {
    rules: [...figures.rules],
    clause: figures.clause,
    ultraBroadband,
    dailyCents,
    businessMultiplier: multiplier,
    amountCents: facts.daysOfDelay * dailyCents,
  };
}

/**
 * IND-12: the indemnity of a late activation or relocation, computed at activation. The
 * contractual figure (IND-1, IND-5) and the regulator's (EXT-IND-2) are shown side by side; with
 * `applyRegulatoryFloor` the higher is credited (AMB-17), and a regulator figure is credited
 * automatically on the first invoice issued 45 days after the activation (EXT-IND-1).
 */
export function assessActivationIndemnity(
  policy: ActivationPolicy,
  facts: IndemnityFacts,
): ActivationIndemnity {
  const contract = contractual(policy, facts);
  const regulator = regulatory(policy, facts);
  const floor = policy.indemnity.applyRegulatoryFloor;
  const basis = floor && regulator.amountCents > contract.amountCents ? 'regulator' : 'contract';
  const amountCents = basis === 'regulator' ? regulator.amountCents : contract.amountCents;
  const activatedOn = romeDateOf(facts.activatedAt);
  const figures = policy.indemnity.regulatory;
  const payout = policy.indemnity.payout;
  let credit: ActivationIndemnity['credit'];
  if (basis === 'regulator' && figures.automatic) {
    credit = {
      basis,
      amountCents,
      applyRegulatoryFloor: floor,
      payout: payout.mode,
      automatic: true,
      awaits: 'nothing',
      onFirstInvoiceIssuedAfter: addDays(activatedOn, figures.creditAfterDays),
      rules: ['AMB-17', 'EXT-IND-1'],
    };
  } else {
    const awaits =
      payout.mode === 'ON_REQUEST'
        ? 'customer_request'
        : payout.mode === 'AUTOMATIC_AFTER_WRITTEN_REPORT'
          ? 'written_report'
          : 'nothing';
    credit = {
      basis,
      amountCents,
      applyRegulatoryFloor: floor,
      payout: payout.mode,
      automatic: awaits === 'nothing',
      awaits,
      onFirstInvoiceIssuedAfter: awaits === 'nothing' ? activatedOn : null,
      rules: [...payout.rules, ...(floor ? ['AMB-17'] : [])],
    };
  }
  const status =
    amountCents === 0 ? 'none' : credit.awaits === 'nothing' ? 'due' : 'awaiting_claim';
  const rules = [...new Set([...contract.rules, ...regulator.rules, ...credit.rules, 'IND-12'])];
  return {
    indemnityType: 'ACTIVATION_DELAY',
    requestKind: facts.requestKind,
    customerType: facts.customerType,
    dueDate: facts.dueDate,
    activatedOn,
    daysOfDelay: facts.daysOfDelay,
    announcedDate: facts.announcedDate,
    contractual: contract,
    regulatory: regulator,
    credit: status === 'none' ? { ...credit, onFirstInvoiceIssuedAfter: null } : credit,
    currency: 'EUR',
    status,
    rules,
    summary:
      `${facts.daysOfDelay} day(s) late after ${facts.dueDate} (CAL-7): contractual ` +
      `${euro(contract.amountCents)} (${facts.daysOfDelay} × ${euro(contract.dailyCents)}` +
      `${contract.amountCents < contract.uncappedCents ? ', capped' : ''}), regulatory ` +
      `${euro(regulator.amountCents)} (${facts.daysOfDelay} × ${euro(regulator.dailyCents)}); ` +
      `credited ${euro(amountCents)} on the ${basis === 'regulator' ? "regulator's" : 'contractual'} basis.`,
  };
}
