import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
  validateSync,
} from 'class-validator';

const EMPTY_AS_UNSET = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const INTEGER = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
};

function IsUrlWith(protocols: string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUrlWith',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return protocols.includes(url.protocol.replace(/:$/, '')) && url.host.length > 0;
          } catch {
            return false;
          }
        },
      },
    },
    options,
  );
}

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const EVENTSTORE_PROTOCOLS = [
  'kurrentdb',
  'kurrentdb+discover',
  'kdb',
  'kdb+discover',
  'esdb',
  'esdb+discover',
];

/**
 * Every environment variable Sportello reads, as strings from the process environment. The
 * messages name what is expected and never echo the value: some of these are secrets.
 */
export class Environment {
  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsIn(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV?: (typeof NODE_ENVS)[number];

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsString()
  @MaxLength(253, { message: 'must be a host name or IP address to listen on' })
  HOST?: string;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be a port number between 0 and 65535' })
  @Max(65535, { message: 'must be a port number between 0 and 65535' })
  PORT?: number;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsUrlWith(['postgres', 'postgresql'], {
    message: 'must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'must be a plain lower-case SQL identifier (letters, digits, underscore)',
  })
  DATABASE_SCHEMA?: string;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be an integer between 1 and 200' })
  @Min(1, { message: 'must be an integer between 1 and 200' })
  @Max(200, { message: 'must be an integer between 1 and 200' })
  DATABASE_POOL_SIZE?: number;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsUrlWith(EVENTSTORE_PROTOCOLS, {
    message: 'must be a KurrentDB connection string (kurrentdb://, kdb:// or esdb://)',
  })
  EVENTSTORE_URL?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsUrlWith(['redis', 'rediss'], { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_{}.-]{1,64}$/, {
    message: 'must be 1-64 characters of letters, digits, _ . - { } (braces make a hash tag)',
  })
  REDIS_PREFIX?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsBase64(undefined, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
  @ValidateBy(
    {
      name: 'is32Bytes',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && Buffer.from(value, 'base64').length === 32,
      },
    },
    { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' },
  )
  KEY_VAULT_MASTER_KEY?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (openssl rand -base64 48)' })
  AUTH_DEV_SECRET?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsUrlWith(['https', 'http'], { message: 'must be the https:// URL of a JSON Web Key Set' })
  AUTH_JWKS_URL?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be the expected token issuer (iss)' })
  AUTH_ISSUER?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'must be the expected token audience (aud)' })
  AUTH_AUDIENCE?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be a whole number of requests (0 turns throttling off)' })
  @Min(0, { message: 'must be a whole number of requests (0 turns throttling off)' })
  THROTTLE_LIMIT?: number;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be a whole number of seconds, at least 1' })
  @Min(1, { message: 'must be a whole number of seconds, at least 1' })
  THROTTLE_TTL_SECONDS?: number;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be a whole number of kilobytes between 1 and 10240' })
  @Min(1, { message: 'must be a whole number of kilobytes between 1 and 10240' })
  @Max(10240, { message: 'must be a whole number of kilobytes between 1 and 10240' })
  BODY_LIMIT_KB?: number;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be a whole number of hours, at least 24' })
  @Min(24, { message: 'must be a whole number of hours, at least 24' })
  IDEMPOTENCY_TTL_HOURS?: number;

  @Transform(INTEGER)
  @IsOptional()
  @IsInt({ message: 'must be a whole number of seconds between 1 and 600' })
  @Min(1, { message: 'must be a whole number of seconds between 1 and 600' })
  @Max(600, { message: 'must be a whole number of seconds between 1 and 600' })
  SHUTDOWN_GRACE_SECONDS?: number;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @Matches(/^(false|true|loopback|linklocal|uniquelocal|\d{1,2})$/, {
    message: 'must be false, true, loopback, linklocal, uniquelocal or a number of proxy hops',
  })
  TRUST_PROXY?: string;

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @IsIn(['0', '1'], { message: 'must be 1 to run on a settable test clock, or 0' })
  SPORTELLO_TEST_CLOCK?: '0' | '1';

  @Transform(EMPTY_AS_UNSET)
  @IsOptional()
  @ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
      },
    },
    { message: 'must be an ISO 8601 instant with a zone, e.g. 2026-03-02T09:00:00Z' },
  )
  SPORTELLO_TEST_CLOCK_START?: string;
}

export interface VariableProblem {
  variable: string;
  message: string;
}

/** Validates the variables one by one; returns every problem found, never their values. */
export function validateEnvironment(
  env: Record<string, string | undefined>,
): { ok: true; env: Environment } | { ok: false; problems: VariableProblem[] } {
  const known: Record<string, string | undefined> = {};
  for (const name of ENVIRONMENT_VARIABLES) {
    if (env[name] !== undefined) known[name] = env[name];
  }
  const parsed = plainToInstance(Environment, known);
  const errors = validateSync(parsed, {
    whitelist: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return { ok: true, env: parsed };
  return {
    ok: false,
    problems: errors.map((error) => ({
      variable: error.property,
      // One message per variable: the first constraint that failed says what is expected.
      message: Object.values(error.constraints ?? { invalid: 'is invalid' })[0],
    })),
  };
}

export const ENVIRONMENT_VARIABLES: readonly string[] = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DATABASE_POOL_SIZE',
  'EVENTSTORE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'KEY_VAULT_MASTER_KEY',
  'AUTH_DEV_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'LOG_LEVEL',
  'THROTTLE_LIMIT',
  'THROTTLE_TTL_SECONDS',
  'BODY_LIMIT_KB',
  'IDEMPOTENCY_TTL_HOURS',
  'SHUTDOWN_GRACE_SECONDS',
  'TRUST_PROXY',
  'SPORTELLO_TEST_CLOCK',
  'SPORTELLO_TEST_CLOCK_START',
];
