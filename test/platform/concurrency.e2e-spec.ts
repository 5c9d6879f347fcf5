import { EVENT_STORE, EventStore } from '@sportello/eventstore';
import { BootedApp, bootApp } from '../support/boot-app';
import { NoteTestModule } from '../support/note/note.module';
import { personalNote } from '../support/note/note-fixtures';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

describe('optimistic concurrency over HTTP, and the actor in event metadata', () => {
  let booted: BootedApp;
  let operator: string;

  beforeAll(async () => {
    booted = await bootApp({ modules: [NoteTestModule] });
    operator = await booted.token(['auditor', 'operator'], 'op-7');
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const as = (token: string) => ({
    post: (path: string) => booted.http.post(path).set('Authorization', `Bearer ${token}`),
    get: (path: string) => booted.http.get(path).set('Authorization', `Bearer ${token}`),
  });

  async function writeNote(): Promise<string> {
    const created = await as(operator).post('/test-notes').send(personalNote()).expect(201);
    expect(created.headers.etag).toBe('"0"');
    expect(created.headers.location).toBe(`/test-notes/${created.body.noteId}`);
    return created.body.noteId as string;
  }

  it('returns the stream revision as ETag on every read and write', async () => {
    const id = await writeNote();
    const read = await as(operator).get(`/test-notes/${id}`).expect(200);
    expect(read.headers.etag).toBe('"0"');
    const amended = await as(operator)
      .post(`/test-notes/${id}/amendments`)
      .set('If-Match', '"0"')
      .send({ text: 'second thoughts' })
      .expect(200);
    expect(amended.headers.etag).toBe('"1"');
    expect((await as(operator).get(`/test-notes/${id}`)).headers.etag).toBe('"1"');
  });

  it('refuses a command sent with a stale If-Match with 412, appending nothing', async () => {
    const id = await writeNote();
    await as(operator)
      .post(`/test-notes/${id}/amendments`)
      .set('If-Match', '"0"')
      .send({ text: 'a' })
      .expect(200);
    const stale = await as(operator)
      .post(`/test-notes/${id}/amendments`)
      .set('If-Match', '"0"')
      .send({ text: 'b' });
    expect(expectProblem(stale, 412, 'precondition-failed')).toMatchObject({ currentRevision: 1 });
    const events = await booted.app.get<EventStore>(EVENT_STORE).readStream(`testnote-${id}`);
    expect(events).toHaveLength(2);
  });

  it('accepts a weak ETag and *, and runs without If-Match', async () => {
    const id = await writeNote();
    await as(operator)
      .post(`/test-notes/${id}/amendments`)
      .set('If-Match', 'W/"0"')
      .send({ text: 'a' })
      .expect(200);
    await as(operator)
      .post(`/test-notes/${id}/amendments`)
      .set('If-Match', '*')
      .send({ text: 'b' })
      .expect(200);
    expect((await as(operator).get(`/test-notes/${id}`)).body.amendments).toBe(2);
  });

  it.each(['1', '"one"', '"0", "1"', 'W/1', '"-2"'])(
    'answers a malformed If-Match %p with 400',
    async (header) => {
      const id = await writeNote();
      expectProblem(
        await as(operator)
          .post(`/test-notes/${id}/amendments`)
          .set('If-Match', header)
          .send({ text: 'a' }),
        400,
        'malformed-request',
      );
      expect((await as(operator).get(`/test-notes/${id}`)).headers.etag).toBe('"0"');
    },
  );

  it('puts the token subject, the role acted under and the request id in the event metadata', async () => {
    const requestId = '0197a3c4-6000-7000-8000-1a2b3c4d5e6f';
    const created = await as(operator)
      .post('/test-notes')
      .set('X-Request-Id', requestId)
      .send(personalNote())
      .expect(201);
    expect(created.headers['x-request-id']).toBe(requestId);
    const [event] = await booted.app
      .get<EventStore>(EVENT_STORE)
      .readStream(`testnote-${created.body.noteId}`);
    expect(event.metadata).toMatchObject({
      actor: { id: 'op-7', role: 'operator' },
      correlationId: requestId,
      recordedAt: '2026-03-02T09:00:00.000Z',
    });
  });
});
