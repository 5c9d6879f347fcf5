import { DirectoryPolicy } from '../domain/directory.policy';

/** The operator policies a directory error is judged by, from the versioned policy data. */
export interface DirectoryPolicies {
  /** CAL-9: the version in force for `operator` when the error was reported; null if none, or
   * if that version sets no directory figures (e.g. WINDTRE). */
  inForce(operator: string, reportedAt: string): DirectoryPolicy | null;
  /** The exact version an error pinned, to judge later commands by the same figures. */
  byVersion(version: string): DirectoryPolicy | null;
}

export const DIRECTORY_POLICIES = Symbol('DIRECTORY_POLICIES');
