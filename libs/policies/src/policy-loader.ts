import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PolicyCatalog } from './policy-catalog';
import { PolicyDataError, validatePolicies } from './policy-validation';

/** Where the data files live: `POLICIES_DIR`, or `policies/` in the working directory. */
export function policiesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.POLICIES_DIR ?? join(process.cwd(), 'policies'));
}

/** Reads and validates every `*.json` file of the folder; any problem stops the start-up. */
export function loadPolicyCatalog(directory: string): PolicyCatalog {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    throw new PolicyDataError([
      `${directory}: the policies folder cannot be read (set POLICIES_DIR)`,
    ]);
  }
  if (names.length === 0) throw new PolicyDataError([`${directory}: no policy files`]);
  const files = names.map((name) => {
    try {
      return { name, content: JSON.parse(readFileSync(join(directory, name), 'utf8')) as unknown };
    } catch {
      throw new PolicyDataError([`${name}: not valid JSON`]);
    }
  });
  return new PolicyCatalog(validatePolicies(files));
}
