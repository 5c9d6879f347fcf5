import { ActivationPolicy } from '../domain/activation.policy';

/** The operator policies an activation request is judged by, from the versioned policy data. */
export interface ActivationPolicies {
  /** CAL-9: the version in force for `operator` when the request was received; null if none, or
   * if that version sets no activation figures (e.g. WINDTRE). */
  inForce(operator: string, receivedAt: string): ActivationPolicy | null;
  /** The exact version a request pinned, to judge later commands by the same figures. */
  byVersion(version: string): ActivationPolicy | null;
}

export const ACTIVATION_POLICIES = Symbol('ACTIVATION_POLICIES');
