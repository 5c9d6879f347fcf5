import { FaultPolicy } from '../domain/fault.policy';

/** The operator policies a fault is judged by, resolved from the versioned policy data. */
export interface FaultPolicies {
  /** CAL-9: the version in force for `operator` when the fault was reported; null if none, or
   * if that version sets no fault figures (e.g. WINDTRE). */
  inForce(operator: string, reportedAt: string): FaultPolicy | null;
  /** The exact version a fault pinned, to judge later commands by the same figures. */
  byVersion(version: string): FaultPolicy | null;
}

export const FAULT_POLICIES = Symbol('FAULT_POLICIES');
