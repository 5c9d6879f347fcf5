/**
 * Fault injection 5: a property-based fuzz of CHAOS_FUZZ_RUNS requests (10,000 by default)
 * built from the served OpenAPI document: wrong types, missing and unknown fields, huge strings,
 * invalid dates, unicode, garbage bodies, path parameters, query strings and headers, sent with
 * a token holding every role. Never a 5xx; every refusal an RFC 9457 problem; the event store
 * unchanged by every refused request. The API runs alone, so nothing else appends meanwhile.
 */
import fc from 'fast-check';
import { ROLES } from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { closeTestInfrastructure, testDatabase } from '../support/test-infrastructure';
import { call } from './support/deployment';
import { OpenApiDocument, operations, requestFor } from './support/openapi-fuzz';
import { complaintBody, faultBody } from './support/tickets';

const RUNS = Number(process.env.CHAOS_FUZZ_RUNS ?? 10_000);
// A failure prints its seed; CHAOS_FUZZ_SEED replays that very sequence.
const SEED = process.env.CHAOS_FUZZ_SEED ? Number(process.env.CHAOS_FUZZ_SEED) : undefined;
jest.setTimeout(120_000 + RUNS * 60);

describe('fuzzing every operation of the OpenAPI document', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({ kind: 'api' });
  });

  afterAll(async () => {
    await booted?.teardown();
    await closeTestInfrastructure();
  });

  it(`answers ${RUNS} hostile requests without a 5xx, with problems, leaving the store untouched by refusals`, async () => {
    const token = await booted.token([...ROLES], 'fuzzer');
    const now = booted.clock.now().toISOString();
    const complaint = await call(booted.url, 'POST', '/v1/complaints', {
      token,
      body: complaintBody(now),
    });
    const fault = await call(booted.url, 'POST', '/v1/faults', { token, body: faultBody() });
    expect([complaint.status, fault.status]).toEqual([201, 201]);
    // Real ids among the path parameters, so that requests also reach existing tickets.
    const ids = [complaint.body.complaintId as string, fault.body.faultId as string];

    const doc = (await call<OpenApiDocument>(booted.url, 'GET', '/docs-json')).body;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const db = testDatabase();
    const storeState = async () =>
      (
        await db.query<{ state: string }>(
          `SELECT count(*) || ':' || coalesce(max(position), 0) AS state FROM ${booted.schema}.events`,
        )
      ).rows[0].state;

    const seen = new Map<number, number>();
    const requests = fc.nat({ max: ops.length - 1 }).chain((i) => requestFor(doc, ops[i], ids));
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const before = await storeState();
        const response = await fetch(`${booted.url}${request.path}`, {
          method: request.method,
          headers: { ...request.headers, authorization: `Bearer ${token}` },
          body: request.body,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        const where = `${request.method} ${request.path.slice(0, 200)} (${request.mutation}) → ${response.status} ${text.slice(0, 300)}`;
        if (response.status >= 500) {
          // The server's own record of the failure (type, message, top of the stack).
          const logged = booted.logs.lines.filter((l) => l.includes('Request failed')).at(-1);
          throw new Error(`5xx: ${where}\nserver: ${logged?.slice(0, 1_200)}`);
        }
        if (response.status >= 400) {
          if (!response.headers.get('content-type')?.startsWith('application/problem+json'))
            throw new Error(`Not a problem: ${where}`);
          const problem = JSON.parse(text) as { type?: unknown; title?: unknown; status?: unknown };
          if (
            typeof problem.type !== 'string' ||
            typeof problem.title !== 'string' ||
            problem.status !== response.status
          )
            throw new Error(`Malformed problem: ${where}`);
          const after = await storeState();
          if (after !== before) throw new Error(`A refused request changed the store: ${where}`);
        }
      }),
      {
        numRuns: RUNS,
        ...(SEED === undefined ? {} : { seed: SEED }),
        endOnFailure: true,
        // The default report prints the whole counterexample: huge strings are the point here.
        reporter: (run) => {
          if (!run.failed) return;
          const error = run.errorInstance as Error | undefined;
          throw new Error(
            `Failed after ${run.numRuns} requests (seed ${run.seed}, path ${run.counterexamplePath}): ${error?.message.slice(0, 2_500)}`,
          );
        },
      },
    );
    // The fuzz reached past validation as well as being refused by it.
    expect([...seen.keys()].some((status) => status < 300)).toBe(true);
    expect(seen.get(400)).toBeGreaterThan(0);
  });
});
