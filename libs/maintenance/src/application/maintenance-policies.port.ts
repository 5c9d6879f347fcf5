import { MaintenancePolicy } from '../domain/maintenance.policy';

/** The operator policies a maintenance window is judged by, from the versioned policy data. */
export interface MaintenancePolicies {
  /** CAL-9: the version in force for `operator` when the window is registered; null if none, or
   * if that version sets no maintenance figures (e.g. WINDTRE). */
  inForce(operator: string, at: string): MaintenancePolicy | null;
  /** The exact version a window pinned, to judge later commands by the same figures. */
  byVersion(version: string): MaintenancePolicy | null;
}

export const MAINTENANCE_POLICIES = Symbol('MAINTENANCE_POLICIES');
