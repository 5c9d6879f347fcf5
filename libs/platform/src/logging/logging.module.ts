import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream, stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import { PlatformConfig } from '../config/platform-config';
import { requestIdOf } from '../context/request-id';

/**
 * Everything a log line may carry about a request: its id, method and path (no query string);
 * the status and latency of its response. Headers, bodies and query strings
 * are never serialized; the redaction paths are a second guard should someone log them anyway.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.query',
  'req.body',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'token',
  'password',
  'secret',
  'body',
  '*.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.body',
];

interface SerializedRequest {
  method?: string;
  url?: string;
}

export function pinoHttpOptions(config: PlatformConfig): Options {
  return {
    level: config.logLevel,
    base: { service: 'sportello', process: config.kind },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    genReqId: (req: IncomingMessage, res: ServerResponse) => requestIdOf(req, res),
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$)/.test(req.url ?? '') },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: SerializedRequest) => ({
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: { type?: string; code?: unknown; message?: string; stack?: string }) => ({
        type: err.type,
        code: err.code,
        message: err.message,
        stack: err.stack,
      }),
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

export function loggingModule(
  config: PlatformConfig,
  destination?: DestinationStream,
): DynamicModule {
  const options = pinoHttpOptions(config);
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
