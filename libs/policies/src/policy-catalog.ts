import { startOfRomeDay } from '@sportello/sla';
import { OperatorPolicy } from './operator-policy';

/** The loaded versions, and which one governs a ticket received at a given instant (CAL-9). */
export class PolicyCatalog {
  private readonly byOperator = new Map<string, OperatorPolicy[]>();
  private readonly byVersion = new Map<string, OperatorPolicy>();

  constructor(policies: OperatorPolicy[]) {
    for (const policy of policies) {
      this.byVersion.set(policy.version, policy);
      const list = this.byOperator.get(policy.operator) ?? [];
      list.push(policy);
      list.sort((a, b) => policyStart(a) - policyStart(b));
      this.byOperator.set(policy.operator, list);
    }
  }

  list(): OperatorPolicy[] {
    return [...this.byVersion.values()];
  }

  operators(): string[] {
    return [...this.byOperator.keys()].sort();
  }

  /** An operator's versions, oldest first. */
  versionsOf(operator: string): OperatorPolicy[] {
    return [...(this.byOperator.get(operator) ?? [])];
  }

  version(version: string): OperatorPolicy | null {
    return this.byVersion.get(version) ?? null;
  }

  /** The latest version that took effect on or before `at`; null if none did. */
  inForce(operator: string, at: string | Date): OperatorPolicy | null {
    const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
    let found: OperatorPolicy | null = null;
    for (const policy of this.byOperator.get(operator) ?? [])
      if (policyStart(policy) <= instant) found = policy;
    return found;
  }
}

/** The instant a version takes effect: the start of its date in Rome, or always. */
export function policyStart(policy: OperatorPolicy): number {
  return policy.effectiveFrom === null
    ? Number.NEGATIVE_INFINITY
    : startOfRomeDay(policy.effectiveFrom);
}
