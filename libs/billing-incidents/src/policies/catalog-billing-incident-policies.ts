import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { BillingIncidentPolicies } from '../application/billing-incident-policies.port';
import { BillingIncidentPolicy } from '../domain/billing-incident.policy';

function incidentFigures(policy: OperatorPolicy): BillingIncidentPolicy | null {
  const b = policy.billingIncident;
  if (!b) return null;
  return {
    operator: policy.operator,
    version: policy.version,
    noticeChannel: b.noticeChannel,
    regularChargesResume: b.regularChargesResume,
    recoveryStepDays: b.recoveryStepDays,
    firstRecovery: b.firstRecovery,
    prescriptionMonths: b.prescriptionMonths,
    clause: b.clause,
  };
}

/** The billing-incident practice of the versioned policy data (RULES §4.11). */
export class CatalogBillingIncidentPolicies implements BillingIncidentPolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  operatorKnown(operator: string, at: string): boolean {
    return this.catalog.inForce(operator, at) !== null;
  }

  inForce(operator: string, at: string): BillingIncidentPolicy | null {
    const policy = this.catalog.inForce(operator, at);
    return policy ? incidentFigures(policy) : null;
  }

  byVersion(version: string): BillingIncidentPolicy | null {
    const policy = this.catalog.version(version);
    return policy ? incidentFigures(policy) : null;
  }
}
