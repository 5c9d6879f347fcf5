/**
 * Fault injection 4: 200 conflicting commands at once on one complaint, split between two API
 * instances on the same store (so the per-stream queue of one process cannot hide a race: the
 * database must). Each command is either appended (200) or refused with 409 or 412; every
 * success owns one revision; the state served equals the fold of exactly what was appended.
 */
import { fold } from '@sportello/decider';
import { EVENT_STORE, EventStore } from '@sportello/eventstore';
import { complaintDecider } from '@sportello/complaints';
import { BootedApp, bootApp } from '../support/boot-app';
import {
  closeTestInfrastructure,
  deleteRedisKeys,
  dropSchema,
  uniqueName,
} from '../support/test-infrastructure';
import { call } from './support/deployment';
import { complaintBody } from './support/tickets';

jest.setTimeout(120_000);

const COMMANDS = 200;

describe('200 conflicting commands on one ticket', () => {
  const schema = uniqueName('chaos_conflicts');
  const redisPrefix = uniqueName('sportello-chaos-conflicts');
  let a: BootedApp;
  let b: BootedApp;

  beforeAll(async () => {
    a = await bootApp({ kind: 'api', schema, redisPrefix });
    b = await bootApp({ kind: 'api', schema, redisPrefix });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await dropSchema(schema);
    await deleteRedisKeys(redisPrefix);
    await closeTestInfrastructure();
  });

  it('appends or refuses each with 409/412, and serves the fold of what was appended', async () => {
    const operator = await a.token('operator', 'op-chaos');
    const now = a.clock.now().toISOString();
    const filed = await call(a.url, 'POST', '/v1/complaints', {
      token: operator,
      body: complaintBody(now),
    });
    expect(filed.status).toBe(201);
    const id = filed.body.complaintId as string;

    const command = (i: number) => {
      const kind = i % 8;
      const path = `/v1/complaints/${id}`;
      if (kind <= 3) return { kind: 'note', path: `${path}/notes`, body: { text: `nota ${i}` } };
      if (kind <= 5)
        return {
          kind: 'note if-match 0',
          path: `${path}/notes`,
          body: { text: `nota ${i}` },
          headers: { 'if-match': '"0"' },
        };
      if (kind === 6)
        return {
          kind: 'answer',
          path: `${path}/answer`,
          body: { outcome: 'upheld', answeredAt: now, measures: ['Linea ripristinata'] },
        };
      return { kind: 'withdrawal', path: `${path}/withdrawal`, body: { reason: 'Risolto' } };
    };

    const answers = await Promise.all(
      Array.from({ length: COMMANDS }, async (_, i) => {
        const c = command(i);
        const response = await call((i % 2 ? b : a).url, 'POST', c.path, {
          token: operator,
          body: c.body,
          headers: c.headers,
        });
        return { ...c, status: response.status, etag: response.etag, text: response.text };
      }),
    );

    const unexpected = answers.filter((r) => ![200, 409, 412].includes(r.status));
    expect(unexpected.map((r) => `${r.kind} ${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    for (const refused of answers.filter((r) => r.status !== 200))
      expect(JSON.parse(refused.text).type).toMatch(
        /^urn:sportello:problem:(precondition-failed|concurrency-conflict|conflicting-state)$/,
      );
    const appended = answers.filter((r) => r.status === 200);
    expect(appended.filter((r) => r.kind === 'note if-match 0').length).toBeLessThanOrEqual(1);
    expect(
      appended.filter((r) => r.kind === 'answer' || r.kind === 'withdrawal').length,
    ).toBeLessThanOrEqual(1);

    const events = await a.app.get<EventStore>(EVENT_STORE).readStream(`complaint-${id}`);
    // One event per success (a withdrawal or an answer appends one here), each its own revision.
    expect(events).toHaveLength(1 + appended.length);
    expect(appended.map((r) => r.etag).sort()).toEqual(
      events
        .slice(1)
        .map((e) => `"${e.revision}"`)
        .sort(),
    );
    const state = fold(complaintDecider, events as never);
    const served = await call<Record<string, unknown>>(a.url, 'GET', `/v1/complaints/${id}`, {
      token: operator,
    });
    expect(served.etag).toBe(`"${events.length - 1}"`);
    expect(served.body).toMatchObject({
      status: (state as { status: string }).status,
      revision: events.length - 1,
    });
    expect((served.body.timeline as unknown[]).length).toBe(events.length);
    expect(served.body.answer ?? null).toEqual((state as { answer?: unknown }).answer ?? null);
    // The store held out: some of each kind of refusal really happened.
    expect(answers.some((r) => r.status === 412)).toBe(true);
    expect(answers.some((r) => r.status === 409)).toBe(true);
  });
});
