import { activationFigures } from '@sportello/activations/policies/catalog-activation-policies';
import { complaintFigures } from '@sportello/complaints/policies/catalog-complaint-policies';
import { faultFigures } from '@sportello/faults/policies/catalog-fault-policies';
import { maintenanceFigures } from '@sportello/maintenance/policies/catalog-maintenance-policies';
import { PolicyCatalog } from '@sportello/policies';
import { PinnedPolicies } from '../../domain/assessing/assessments-from-stream';

/** Each ticket kind's figures of the exact version a ticket pinned (CAL-9), from the catalog. */
export function pinnedPolicies(catalog: PolicyCatalog): PinnedPolicies {
  const of =
    <T>(figures: (policy: NonNullable<ReturnType<PolicyCatalog['version']>>) => T | null) =>
    (version: string): T | null => {
      const policy = catalog.version(version);
      return policy ? figures(policy) : null;
    };
  return {
    complaint: of(complaintFigures),
    fault: of(faultFigures),
    activation: of(activationFigures),
    maintenance: of(maintenanceFigures),
  };
}
