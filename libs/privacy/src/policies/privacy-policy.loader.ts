import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PrivacyPolicy } from '../domain/privacy-policy';
import { PrivacyPolicyError, validatePrivacyPolicy } from './privacy-policy.validation';

export const PRIVACY_POLICY_FILE = 'retention.json';

/** `PRIVACY_POLICIES_DIR`, or `policies/privacy` in the working directory. */
export function privacyPoliciesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PRIVACY_POLICIES_DIR ?? join(process.cwd(), 'policies', 'privacy'));
}

/** Reads and validates the privacy policy; any problem stops the start-up. */
export function loadPrivacyPolicy(directory: string): PrivacyPolicy {
  const path = join(directory, PRIVACY_POLICY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PrivacyPolicyError([`${path}: cannot be read (set PRIVACY_POLICIES_DIR)`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PrivacyPolicyError([`${PRIVACY_POLICY_FILE}: not valid JSON`]);
  }
  return validatePrivacyPolicy(parsed, PRIVACY_POLICY_FILE);
}

export const PRIVACY_POLICY = Symbol('PRIVACY_POLICY');
