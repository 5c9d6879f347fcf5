import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { FaultPolicies } from '../application/fault-policies.port';
import { FaultPolicy } from '../domain/fault.policy';

/** The `faults` section of a policy version as the domain's `FaultPolicy`; null without one. */
export function faultFigures(policy: OperatorPolicy): FaultPolicy | null {
  const f = policy.faults;
  if (!f) return null;
  return {
    operator: policy.operator,
    version: policy.version,
    repair: {
      termKind: f.repairTerm.kind,
      term: f.repairTerm.value,
      rule: f.repairTerm.rule,
      clause: f.repairTerm.clause,
      remoteFirst: f.repairMethod.remoteFirst,
      methodClause: f.repairMethod.clause,
    },
    scope: { ...f.scope },
    pause: { allowedKinds: [...f.pause.allowedKinds], clause: f.pause.clause },
    complexity: { ...f.complexRegime },
    massOutageThreshold: f.massOutageThreshold.value ? { ...f.massOutageThreshold.value } : null,
    onSitePaymentsAllowed: f.onSitePayments.allowed,
    onSitePaymentsClause: f.onSitePayments.clause,
    reopenWindowDays: f.reopenWindow.days,
    indemnity: {
      repairDelay: {
        ...f.repairDelayIndemnity,
        dailyCents: { ...f.repairDelayIndemnity.dailyCents },
        rules: [...f.repairDelayIndemnity.rules],
      },
      exceptionalFault: f.exceptionalFaultIndemnity
        ? { ...f.exceptionalFaultIndemnity, rules: [...f.exceptionalFaultIndemnity.rules] }
        : null,
    },
  };
}

/** The fault figures of the versioned policy data. */
export class CatalogFaultPolicies implements FaultPolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  inForce(operator: string, reportedAt: string): FaultPolicy | null {
    const policy = this.catalog.inForce(operator, reportedAt);
    return policy ? faultFigures(policy) : null;
  }

  byVersion(version: string): FaultPolicy | null {
    const policy = this.catalog.version(version);
    return policy ? faultFigures(policy) : null;
  }
}
