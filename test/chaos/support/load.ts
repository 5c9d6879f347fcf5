/** Background load for fault injection: filings sent continuously until stopped. */
import { call } from './deployment';
import { complaintBody, faultBody } from './tickets';

export interface LoadResult {
  complaints: string[];
  faults: string[];
  statuses: Map<number, number>;
  /** Answers that were neither a success nor a well-formed 503 problem. */
  bad: string[];
}

/**
 * `workers` loops, each filing a complaint then reporting a fault, until `stop()`. Every answer
 * is recorded; a 5xx other than a 503 problem+json, or a request that hangs, is a bad answer.
 */
export function startLoad(
  url: string,
  token: string,
  receivedAt: () => string,
  workers = 2,
): { stop: () => Promise<LoadResult> } {
  const result: LoadResult = { complaints: [], faults: [], statuses: new Map(), bad: [] };
  let stopping = false;
  const loops = Array.from({ length: workers }, async () => {
    while (!stopping) {
      for (const [path, body] of [
        ['/v1/complaints', complaintBody(receivedAt())],
        ['/v1/faults', faultBody()],
      ] as const) {
        try {
          const response = await call(url, 'POST', path, { token, body, timeoutMs: 20_000 });
          result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) {
            if (path === '/v1/complaints')
              result.complaints.push(response.body.complaintId as string);
            else result.faults.push(response.body.faultId as string);
          } else if (
            response.status >= 500 &&
            !(
              response.status === 503 && response.contentType.startsWith('application/problem+json')
            )
          ) {
            result.bad.push(`${path} ${response.status} ${response.text.slice(0, 200)}`);
          }
        } catch (error) {
          result.bad.push(`${path} ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
      return result;
    },
  };
}
