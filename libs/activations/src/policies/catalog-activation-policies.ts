import { DelayIndemnityFigures, OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { ActivationPolicies } from '../application/activation-policies.port';
import { ActivationPolicy, DelayIndemnityRate } from '../domain/activation.policy';

function rate(figures: DelayIndemnityFigures): DelayIndemnityRate {
  return {
    dailyCents: { ...figures.dailyCents },
    capDays: figures.capDays,
    capCents: figures.capCents,
    supplementaryAssessmentBeyondDays: figures.supplementaryAssessmentBeyondDays,
    rules: [...figures.rules],
    clause: figures.clause,
  };
}

/** The `activation` section of a policy version as the domain's `ActivationPolicy`; null
 * without one. */
export function activationFigures(policy: OperatorPolicy): ActivationPolicy | null {
  const a = policy.activation;
  if (!a) return null;
  return {
    operator: policy.operator,
    version: policy.version,
    activation: {
      termDays: a.term.days,
      startsAt: a.term.startsAt,
      rule: a.term.rule,
      clause: a.term.clause,
      indirectBroadband: a.indirectBroadbandTerm
        ? {
            termDays: a.indirectBroadbandTerm.days,
            rule: a.indirectBroadbandTerm.rule,
            clause: a.indirectBroadbandTerm.clause,
          }
        : null,
    },
    technicalCheck: {
      termDays: a.technicalCheck.days,
      afterPositiveCheckDays: a.technicalCheck.afterPositiveCheckDays,
      rule: a.technicalCheck.rule,
      clause: a.technicalCheck.clause,
    },
    relocation: {
      termDays: a.relocationTerm.days,
      startsAt: a.relocationTerm.startsAt,
      rule: a.relocationTerm.rule,
      clause: a.relocationTerm.clause,
    },
    informedDelay: { ...a.informedDelay },
    pause: { allowedKinds: [...a.pause.allowedKinds], clause: a.pause.clause },
    indemnity: {
      activationDelay: rate(a.delayIndemnity),
      relocationDelay: a.relocationDelayIndemnity ? rate(a.relocationDelayIndemnity) : null,
      regulatory: { ...a.regulatoryIndemnity, rules: [...a.regulatoryIndemnity.rules] },
      applyRegulatoryFloor: a.applyRegulatoryFloor.value,
      payout: {
        mode: a.payout.mode,
        writtenReportChannels: a.payout.writtenReportChannels
          ? [...a.payout.writtenReportChannels]
          : null,
        rules: [...a.payout.rules],
        clause: a.payout.clause,
      },
    },
  };
}

/** The activation figures of the versioned policy data. */
export class CatalogActivationPolicies implements ActivationPolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  inForce(operator: string, receivedAt: string): ActivationPolicy | null {
    const policy = this.catalog.inForce(operator, receivedAt);
    return policy ? activationFigures(policy) : null;
  }

  byVersion(version: string): ActivationPolicy | null {
    const policy = this.catalog.version(version);
    return policy ? activationFigures(policy) : null;
  }
}
