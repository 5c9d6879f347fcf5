import { BootedApp, bootApp } from '../support/boot-app';
import { NoteTestModule } from '../support/note/note.module';
import { personalNote } from '../support/note/note-fixtures';
import {
  closeTestInfrastructure,
  TEST_AUTH_SECRET,
  TEST_MASTER_KEY,
} from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

describe('structured logs', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({ modules: [NoteTestModule] });
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  it('carry no personal data, token or secret, whatever the requests held', async () => {
    const token = await booted.token('operator', 'op-1');
    const supervisor = await booted.token('supervisor', 'sv-1');
    const note = personalNote();
    const auth = `Bearer ${token}`;
    const secrets = [token, supervisor, TEST_AUTH_SECRET, TEST_MASTER_KEY];
    const personal = [note.authorName, note.text, 'Mariella', 'TRTMLL', '347 555'];

    const created = await booted.http
      .post('/test-notes')
      .set('Authorization', auth)
      .set('Idempotency-Key', `retry-for-${note.authorName.replace(/ /g, '-')}`)
      .set('Cookie', `session=${note.authorName}`)
      .set('X-Customer', note.authorName)
      .send(note)
      .expect(201);
    const id = created.body.noteId as string;
    await booted.http
      .get(`/test-notes/${id}?search=${encodeURIComponent(note.authorName)}`)
      .set('Authorization', auth)
      .expect(200);
    await booted.http
      .post(`/test-notes/${id}/amendments`)
      .set('Authorization', auth)
      .send({ text: `${note.text} (again)` })
      .expect(200);
    await booted.http
      .post('/test-notes')
      .set('Authorization', auth)
      .send({ ...note, authorSubjectId: note.authorName, phone: '347 555 0101' })
      .expect(400);
    await booted.http
      .post('/test-notes')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(`{"authorName": "${note.authorName}", broken`)
      .expect(400);
    await booted.http
      .post(`/test-notes/${id}/archive`)
      .set('Authorization', `Bearer ${supervisor}`)
      .set('If-Match', `"${note.authorName}"`)
      .expect(400);
    await booted.http
      .get('/test-notes/' + id)
      .set('Authorization', `Bearer ${token}x`)
      .expect(401);
    await booted.http.post('/test-notes/explode').set('Authorization', auth).send({}).expect(500);

    const text = booted.logs.text();
    expect(booted.logs.lines.length).toBeGreaterThan(8);
    expect(text).toContain(`/test-notes/${id}`);
    for (const value of [...personal, ...secrets]) expect(text).not.toContain(value);
    expect(text).not.toContain('347 555 0101');
  });

  it('are JSON with a request id on every line written while serving a request', async () => {
    booted.logs.lines.length = 0;
    const token = await booted.token('operator', 'op-1');
    const failed = await booted.http
      .post('/test-notes/explode')
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(500);
    const ok = await booted.http.get('/health/ready').expect(200);
    const missing = await booted.http.get('/nowhere').expect(404);

    const entries = booted.logs.entries();
    const served = entries.filter(
      (entry) => entry.req !== undefined || entry.context === 'Problems',
    );
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const entry of served) expect(entry.requestId).toEqual(expect.any(String));

    const failure = entries.filter((entry) => entry.requestId === failed.headers['x-request-id']);
    expect(failure.map((entry) => entry.msg)).toEqual(['Request failed', 'request failed']);
    expect(failure[0]).toMatchObject({
      level: 'error',
      error: { type: 'Error', stack: expect.any(String) },
    });
    expect(entries.some((entry) => entry.requestId === missing.headers['x-request-id'])).toBe(true);
    // Probes are not logged: they would drown everything else.
    expect(entries.some((entry) => entry.requestId === ok.headers['x-request-id'])).toBe(false);
  });
});
