import type { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { ResourceRegistry } from '../persistence/resource-registry';
import { InFlightRequests } from './in-flight-requests';
import { ShutdownState } from './shutdown-state';

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Stops in order: readiness turns 503 and no new connection is accepted; requests in flight
 * answer; Nest closes (BullMQ workers finish their active jobs); then the database, Redis and
 * event store connections close. Each wait is bounded by the grace period.
 */
export async function shutdownGracefully(app: INestApplication, graceMs: number): Promise<void> {
  const logger = new Logger('Shutdown');
  const started = Date.now();
  const remaining = () => Math.max(0, graceMs - (Date.now() - started));
  app.get(ShutdownState).draining = true;
  const resources = app.get(ResourceRegistry);
  const inFlight = app.get(InFlightRequests);
  const server = app.getHttpServer() as Server;

  if (server.listening) {
    server.close();
    server.closeIdleConnections();
    if ((await within(inFlight.idle(), remaining())) === 'timeout')
      logger.warn(`${inFlight.size} requests still running after the grace period`);
    server.closeAllConnections();
  }
  if ((await within(app.close(), remaining())) === 'timeout')
    logger.warn('Jobs still running after the grace period');
  await resources.closeAll((name) => logger.warn(`Could not close ${name} cleanly`));
}
