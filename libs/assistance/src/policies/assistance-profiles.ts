import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesDirectory } from '@sportello/policies';
import { AssistancePolicy } from '../domain/assistance.policy';
import {
  AssistanceProfileError,
  validateAssistanceProfile,
  ValidatedProfile,
} from './assistance-profile.validation';

/** The profile every assistance ticket is handled under unless an operator policy is stricter. */
export const DEFAULT_ASSISTANCE_PROFILE = 'ANASTASIS';

/** `policies/assistance/` (under `POLICIES_DIR` when set): a folder of its own. */
export function assistanceProfilesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(policiesDirectory(env), 'assistance');
}

/** The validated assistance profiles, by profile and by version. */
export class AssistanceProfiles {
  private readonly byProfile = new Map<string, ValidatedProfile>();

  constructor(readonly profiles: ValidatedProfile[]) {
    for (const profile of profiles) this.byProfile.set(profile.policy.profile, profile);
  }

  /** The version in force for new tickets. */
  current(profile = DEFAULT_ASSISTANCE_PROFILE): AssistancePolicy | null {
    return this.byProfile.get(profile)?.policy ?? null;
  }

  /** The version a ticket pinned when it was opened. */
  byVersion(version: string): AssistancePolicy | null {
    return this.profiles.find((p) => p.policy.version === version)?.policy ?? null;
  }

  get warnings(): string[] {
    return this.profiles.flatMap((p) => p.warnings);
  }
}

/** Reads and validates every `*.json` of the folder; any problem stops the start-up. */
export function loadAssistanceProfiles(directory: string): AssistanceProfiles {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    throw new AssistanceProfileError([
      `${directory}: the assistance profiles folder cannot be read`,
    ]);
  }
  const problems: string[] = [];
  const profiles: ValidatedProfile[] = [];
  for (const name of names) {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(join(directory, name), 'utf8'));
    } catch {
      problems.push(`${name}: not valid JSON`);
      continue;
    }
    try {
      profiles.push(validateAssistanceProfile(name, content));
    } catch (error) {
      if (!(error instanceof AssistanceProfileError)) throw error;
      problems.push(...error.problems);
    }
  }
  const seen = new Set<string>();
  for (const { policy } of profiles) {
    if (seen.has(policy.profile)) problems.push(`${policy.profile}: more than one file`);
    seen.add(policy.profile);
  }
  if (!profiles.some((p) => p.policy.profile === DEFAULT_ASSISTANCE_PROFILE))
    problems.push(`${directory}: no ${DEFAULT_ASSISTANCE_PROFILE} profile`);
  if (problems.length) throw new AssistanceProfileError(problems);
  return new AssistanceProfiles(profiles);
}
