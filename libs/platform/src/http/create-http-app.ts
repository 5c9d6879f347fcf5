import { dirname } from 'node:path';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { PlatformConfig } from '../config/platform-config';
import { RequestContext } from '../context/request-context';
import { requestIdOf } from '../context/request-id';
import { ProblemException } from '../errors/problem';
import { problemForError } from '../errors/problem-for-error';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { DOCS_ASSETS_PREFIX } from '../openapi/docs.controller';
import { buildOpenApiDocument, OpenApiDocumentHolder } from '../openapi/openapi-document';
import { InFlightRequests } from '../shutdown/in-flight-requests';
import { answerClientErrorsWithProblems } from './client-errors';
import { packageVersion } from './package-version';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/** A body in any other format would otherwise reach the handlers as "no body". */
function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !JSON_TYPE.test(req.headers['content-type'] ?? ''))
    return next(ProblemException.of('unsupported-media-type', 'Send the body as application/json'));
  next();
}

/**
 * Nest turns a SyntaxError into a 400 carrying the parser's message, which quotes the body;
 * catching the parser's errors first keeps the body out of the answer.
 */
function parserErrorsAsProblems(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(new ProblemException(problemForError(error)));
}

/**
 * Creates the Nest application for a root module and applies the HTTP settings every
 * Sportello process shares; `npm start`, the separate processes and the tests all go through
 * here, so the tests exercise the real application.
 */
export async function createHttpApp(
  rootModule: DynamicModule,
  config: PlatformConfig,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');

  const context = app.get(RequestContext);
  app.use((req: Request, res: Response, next: NextFunction) =>
    context.run({ requestId: requestIdOf(req, res) }, next),
  );
  app.use(app.get(InFlightRequests).middleware());
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  // TLS ends at the load balancer; upgrading sub-requests would break /docs on plain-HTTP hosts.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.useBodyParser('json', {
    limit: config.http.bodyLimitBytes,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  app.useStaticAssets(dirname(require.resolve('swagger-ui-dist/package.json')), {
    prefix: DOCS_ASSETS_PREFIX,
    index: false,
    redirect: false,
    fallthrough: true,
  });
  app.use(jsonBodiesOnly);
  app.use(parserErrorsAsProblems);
  app.useGlobalFilters(new ProblemDetailsFilter());
  answerClientErrorsWithProblems(app.getHttpServer());
  await app.init();
  app.get(OpenApiDocumentHolder).document = buildOpenApiDocument(app, packageVersion());
  return app;
}
