import type { IncomingMessage, ServerResponse } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

export const REQUEST_ID_HEADER = 'x-request-id';
// Only a UUID is taken from the caller: the id lands in event metadata, which holds no free text.
const ACCEPTABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request's id: the caller's `X-Request-Id` when it is a UUID (so a trace can span systems), otherwise a fresh UUID v7. Echoed in the response. Idempotent per request.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res?: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const offered = req.headers[REQUEST_ID_HEADER];
  const id =
    typeof offered === 'string' && ACCEPTABLE.test(offered) ? offered.toLowerCase() : uuidv7();
  req.id = id;
  if (res && !res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}
