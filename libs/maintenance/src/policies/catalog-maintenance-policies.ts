import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { MaintenancePolicies } from '../application/maintenance-policies.port';
import { MaintenancePolicy } from '../domain/maintenance.policy';

/** The `maintenance` section of a policy version as the domain's `MaintenancePolicy`; null
 * without one. */
export function maintenanceFigures(policy: OperatorPolicy): MaintenancePolicy | null {
  const m = policy.maintenance;
  if (!m) return null;
  const { minIndemnified, minContractual, channel, unplannedFaults } = m.notice;
  return {
    operator: policy.operator,
    version: policy.version,
    notice: {
      minIndemnifiedHours: minIndemnified.hours,
      indemnifiedRule: minIndemnified.rule,
      indemnifiedClause: minIndemnified.clause,
      minContractualDays: minContractual?.days ?? null,
      contractualRule: minContractual?.rule ?? null,
      contractualClause: minContractual?.clause ?? null,
      channel: channel.value,
      channelClause: channel.clause,
      unplannedFaultsExempt: unplannedFaults.exempt,
      unplannedClause: unplannedFaults.clause,
    },
    indemnity: {
      dailyCents: { ...m.noticeIndemnity.dailyCents },
      capDays: m.noticeIndemnity.capDays,
      capCents: m.noticeIndemnity.capCents,
      rules: [...m.noticeIndemnity.rules],
      clause: m.noticeIndemnity.clause,
    },
  };
}

/** The maintenance figures of the versioned policy data. */
export class CatalogMaintenancePolicies implements MaintenancePolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  inForce(operator: string, at: string): MaintenancePolicy | null {
    const policy = this.catalog.inForce(operator, at);
    return policy ? maintenanceFigures(policy) : null;
  }

  byVersion(version: string): MaintenancePolicy | null {
    const policy = this.catalog.version(version);
    return policy ? maintenanceFigures(policy) : null;
  }
}
