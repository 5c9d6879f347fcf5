import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import {
  ConfigurationError,
  readDevelopmentSecrets,
  ROLES,
  Role,
  signDevToken,
  validateEnvironment,
} from '@sportello/platform';

/** Thrown when no token can be signed; the message is for the person at the terminal. */
export class TokenRefused extends Error {}

function parseTtl(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('seconds, e.g. 3600');
  return Number(value);
}

/**
 * Signs a development token with the configured development secret: AUTH_DEV_SECRET, or (outside
 * production) the one `npm start` generated under the data directory. Refused when there is
 * none, or when the deployment verifies tokens with a JWKS instead.
 */
export async function developmentToken(
  env: Record<string, string | undefined>,
  request: { roles: Role[]; subject: string; ttlSeconds: number },
): Promise<string> {
  const relevant = Object.fromEntries(
    [
      'NODE_ENV',
      'DATA_DIR',
      'AUTH_DEV_SECRET',
      'AUTH_JWKS_URL',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
    ].map((name) => [name, env[name]]),
  );
  const validated = validateEnvironment(relevant);
  if (!validated.ok)
    throw new TokenRefused(new ConfigurationError(validated.problems).lines().join('\n'));
  const { NODE_ENV, DATA_DIR, AUTH_DEV_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE } =
    validated.env;
  if (AUTH_JWKS_URL)
    throw new TokenRefused(
      'Tokens are verified with AUTH_JWKS_URL here: get one from the identity provider.',
    );
  const dataDir = resolve(DATA_DIR ?? 'data');
  const secret =
    AUTH_DEV_SECRET ??
    (NODE_ENV === 'production' ? undefined : readDevelopmentSecrets(dataDir)?.authDevSecret);
  if (!secret)
    throw new TokenRefused(
      NODE_ENV === 'production'
        ? 'No development secret is configured: set AUTH_DEV_SECRET.'
        : 'No development secret is configured: set AUTH_DEV_SECRET, or run `npm start` once ' +
            `to generate one in ${dataDir}.`,
    );
  return signDevToken({
    secret,
    subject: request.subject,
    roles: request.roles,
    ttlSeconds: request.ttlSeconds,
    issuer: AUTH_ISSUER,
    audience: AUTH_AUDIENCE,
  });
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('Print a development bearer token')
    .addOption(
      new Option('--role <role...>', 'role(s) granted by the token')
        .choices([...ROLES])
        .makeOptionMandatory(),
    )
    .requiredOption('--sub <subject>', 'the subject (actor id), e.g. op-1')
    .option('--ttl <seconds>', 'lifetime in seconds', parseTtl, 8 * 3600)
    .action(async (options: { role: Role[]; sub: string; ttl: number }) => {
      const token = await developmentToken(process.env, {
        roles: options.role,
        subject: options.sub,
        ttlSeconds: options.ttl,
      });
      process.stdout.write(`${token}\n`);
    });
}
