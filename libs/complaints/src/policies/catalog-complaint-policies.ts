import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { ComplaintPolicies } from '../application/complaint-policies.port';
import { ComplaintPolicy } from '../domain/complaint.policy';

export function complaintFigures(policy: OperatorPolicy): ComplaintPolicy {
  const c = policy.complaints;
  return {
    operator: policy.operator,
    version: policy.version,
    answerTermDays: c.answerTerm.days as number,
    answerTermClause: c.answerTerm.clause,
    complexityExtensionAllowed: c.complexityExtension.allowed,
    billingFilingWindowDays: c.billingFilingWindow.days,
    latePaymentSuspendedWhileBillingComplaintPending: c.latePaymentSuspendedWhilePending.value,
    lateIndemnity: { ...c.lateIndemnity },
    outageComplaintWindowDays: c.outageComplaintWindow.days,
    outageComplaintClause: c.outageComplaintWindow.clause,
  };
}

/** The complaint figures of the versioned policy data. */
export class CatalogComplaintPolicies implements ComplaintPolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  inForce(operator: string, receivedAt: string): ComplaintPolicy | null {
    const policy = this.catalog.inForce(operator, receivedAt);
    return policy ? complaintFigures(policy) : null;
  }

  byVersion(version: string): ComplaintPolicy | null {
    const policy = this.catalog.version(version);
    return policy ? complaintFigures(policy) : null;
  }

  operators(): string[] {
    return this.catalog.operators();
  }
}
