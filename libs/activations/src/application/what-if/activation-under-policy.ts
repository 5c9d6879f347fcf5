import { daysOfDelayAfterDate } from '@sportello/sla';
import { ActivationDeadline, ActivationRequested } from '../../domain/activation.events';
import { ActivationPolicy } from '../../domain/activation.policy';
import { RequestedActivation } from '../../domain/activation.state';
import { activationDeadline, activationTermOf } from '../../domain/activation-deadline';
import { ActivationIndemnity, assessActivationIndemnity } from '../../domain/activation-indemnity';

export interface ActivationFigures {
  policyVersion: string;
  /** `accruing`: pending and late, as if activated now; `final`: activated; `none`: no
   * deadline runs (negative check, cancelled, or an open pause). */
  basis: 'accruing' | 'final' | 'none';
  asOf: string;
  deadline: ActivationDeadline;
  indemnity: ActivationIndemnity | null;
}

/**
 * The deadline and the indemnity a request would have under `policy`, judged on the same facts
 * (receipt, technical check, pauses, an announced date, the activation). The request itself
 * keeps the version it pinned (CAL-9): this answers "as of now" and "what if".
 */
export function activationUnderPolicy(
  request: RequestedActivation,
  requested: ActivationRequested['data'],
  policy: ActivationPolicy,
  now: string,
): ActivationFigures {
  const fromForm =
    request.term.category === 'RELOCATION_FORM' ||
    (request.requestKind === 'relocation' && policy.relocation.termDays === null);
  const term = activationTermOf(policy, {
    requestKind: request.requestKind,
    services: request.services,
    access: requested.access,
    // AMB-8: a relocation without a policy figure keeps the term of its form.
    relocationFormTermDays: fromForm ? request.term.days : null,
  });
  const deadline = activationDeadline({
    term,
    receivedAt: request.receivedAt,
    technicalCheck: request.technicalCheck,
    pauses: request.pauses,
    announced: policy.informedDelay.exempts ? request.announced : null,
  });
  const activatedAt = request.activation?.activatedAt ?? null;
  const fulfilledAt =
    request.status === 'activated' ? activatedAt : request.status === 'requested' ? now : null;
  if (fulfilledAt === null || deadline.status !== 'DUE' || !deadline.dueDate || !deadline.dueAt)
    return { policyVersion: policy.version, basis: 'none', asOf: now, deadline, indemnity: null };
  const late = Date.parse(fulfilledAt) > Date.parse(deadline.dueAt);
  const indemnity = assessActivationIndemnity(policy, {
    requestKind: request.requestKind,
    customerType: request.customerType,
    services: request.services,
    dueDate: deadline.dueDate,
    activatedAt: fulfilledAt,
    daysOfDelay: late ? daysOfDelayAfterDate(deadline.dueDate, fulfilledAt) : 0,
    announcedDate: deadline.chosen === 'ANNOUNCED_DATE' ? deadline.dueDate : null,
  });
  return {
    policyVersion: policy.version,
    basis: request.status === 'activated' ? 'final' : 'accruing',
    asOf: fulfilledAt,
    deadline,
    indemnity,
  };
}

/** The most a request can earn under the contractual figures; null when nothing caps it. */
export function contractualCeilingCents(indemnity: ActivationIndemnity): number | null {
  const c = indemnity.contractual;
  if (c.capCents !== null) return c.capCents;
  return c.capDays === null ? null : c.capDays * c.dailyCents;
}
