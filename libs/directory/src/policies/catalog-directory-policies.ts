import { OperatorPolicy, PolicyCatalog } from '@sportello/policies';
import { DirectoryPolicies } from '../application/directory-policies.port';
import { DirectoryPolicy } from '../domain/directory.policy';

/** The `directory` section of a policy version as the domain's `DirectoryPolicy`; null without
 * one. */
export function directoryFigures(policy: OperatorPolicy): DirectoryPolicy | null {
  const d = policy.directory;
  if (!d) return null;
  return {
    operator: policy.operator,
    version: policy.version,
    indemnity: {
      flatCents: d.errorIndemnity.flatCents ? { ...d.errorIndemnity.flatCents } : null,
      rules: [...d.errorIndemnity.rules],
      clause: d.errorIndemnity.clause,
    },
    regulatory: { ...d.regulatoryReference, rules: [...d.regulatoryReference.rules] },
  };
}

/** The directory figures of the versioned policy data. */
export class CatalogDirectoryPolicies implements DirectoryPolicies {
  constructor(private readonly catalog: PolicyCatalog) {}

  inForce(operator: string, reportedAt: string): DirectoryPolicy | null {
    const policy = this.catalog.inForce(operator, reportedAt);
    return policy ? directoryFigures(policy) : null;
  }

  byVersion(version: string): DirectoryPolicy | null {
    const policy = this.catalog.version(version);
    return policy ? directoryFigures(policy) : null;
  }
}
