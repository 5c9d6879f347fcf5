import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { BootedApp, bootApp } from '../support/boot-app';
import { NoteTestModule } from '../support/note/note.module';
import { personalNote } from '../support/note/note-fixtures';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

describe('errors are RFC 9457 problems', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;

  beforeAll(async () => {
    booted = await bootApp({ modules: [NoteTestModule], env: { BODY_LIMIT_KB: '8' } });
    operator = await booted.token('operator', 'op-7');
    supervisor = await booted.token('supervisor', 'sv-1');
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`);

  it('answers malformed JSON with 400, without quoting the body', async () => {
    const response = await post('/test-notes')
      .set('Content-Type', 'application/json')
      .send('{"authorName": Mariella Tortorici, ');
    const body = expectProblem(response, 400, 'malformed-request');
    expect(body.detail).toBe('The request body is not valid JSON');
    expect(response.text).not.toContain('Mariella');
  });

  it('answers wrong types with 400 and the list of fields and reasons, no values', async () => {
    const response = await post('/test-notes').send({
      authorSubjectId: 'not-a-uuid-Tortorici',
      authorName: 12345,
      text: ['Chiamata dal 347 555 0101'],
      pages: 'three',
    });
    const body = expectProblem(response, 400, 'validation-failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'authorSubjectId', reason: 'authorSubjectId must be a UUID' },
        { field: 'authorName', reason: expect.stringContaining('authorName must be') },
        { field: 'text', reason: expect.stringContaining('text must be') },
        { field: 'pages', reason: expect.stringContaining('pages must') },
      ]),
    );
    for (const value of ['Tortorici', '12345', '347 555 0101', 'three'])
      expect(response.text).not.toContain(value);
  });

  it('refuses unknown fields with 400 instead of dropping them', async () => {
    const response = await post('/test-notes').send({
      ...personalNote(),
      actor: { id: 'admin-impostor', role: 'admin' },
    });
    const body = expectProblem(response, 400, 'validation-failed');
    expect(body.errors).toEqual([{ field: 'actor', reason: 'property actor should not exist' }]);
  });

  it('refuses a body that is an array, or missing', async () => {
    expectProblem(await post('/test-notes').send([personalNote()]), 400, 'validation-failed');
    expectProblem(await post('/test-notes'), 400, 'validation-failed');
  });

  it('answers an oversized body with 413 and a non-JSON body with 415', async () => {
    const huge = { ...personalNote(), text: 'x'.repeat(9 * 1024) };
    expectProblem(await post('/test-notes').send(huge), 413, 'payload-too-large');
    expectProblem(
      await post('/test-notes').set('Content-Type', 'text/plain').send('Mariella Tortorici'),
      415,
      'unsupported-media-type',
    );
  });

  it('answers 404 for an unknown route without echoing its query string', async () => {
    const response = await booted.http.get('/nowhere?name=Mariella%20Tortorici');
    expectProblem(response, 404, 'not-found');
    expect(response.text).not.toContain('Mariella');
    expect(JSON.parse(response.text).instance).toBe('/nowhere');
  });

  it('answers a malformed path parameter or URL encoding with 400', async () => {
    const token = `Bearer ${operator}`;
    expectProblem(await booted.http.get('/test-notes/not-a-uuid').set('Authorization', token), 400);
    const undecodable = await booted.http.get('/test-notes/%E0%A4%A').set('Authorization', token);
    expectProblem(undecodable, 400);
    expect(JSON.parse(undecodable.text).detail).not.toContain('%E0');
  });

  it('maps the domain errors: 404 not found, 409 conflicting state, 422 rule violation with its id', async () => {
    const missing = uuidv7();
    expectProblem(
      await post(`/test-notes/${missing}/amendments`).send({ text: 'x' }),
      404,
      'not-found',
    );
    const created = await post('/test-notes').send(personalNote()).expect(201);
    const id = created.body.noteId as string;
    await post(`/test-notes/${id}/amendments`).send({ text: 'one' }).expect(200);
    await post(`/test-notes/${id}/amendments`).send({ text: 'two' }).expect(200);
    const refused = expectProblem(
      await post(`/test-notes/${id}/amendments`).send({ text: 'three' }),
      422,
      'rule-violation',
    );
    expect(refused).toMatchObject({ ruleId: 'NOTE-1', maxAmendments: 2 });
    await post(`/test-notes/${id}/archive`, supervisor).expect(200);
    expectProblem(
      await post(`/test-notes/${id}/amendments`).send({ text: 'four' }),
      409,
      'conflicting-state',
    );
  });

  it('answers an internal failure with a bare 500: no message, no stack', async () => {
    const response = await post('/test-notes/explode').send({});
    const body = expectProblem(response, 500, 'internal-error');
    expect(response.text).not.toContain('hunter2');
    expect(response.text).not.toContain('internal detail');
    expect(body.detail).toContain('request id');
  });

  it('never answers 5xx to anything a client sends (property test)', async () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 200 }),
      fc
        .record({
          authorSubjectId: fc.oneof(fc.uuid(), fc.string()),
          authorName: fc.oneof(fc.string({ maxLength: 150 }), fc.integer(), fc.constant(null)),
          text: fc.oneof(fc.string({ maxLength: 50 }), fc.boolean()),
          pages: fc.oneof(fc.integer(), fc.double(), fc.string()),
        })
        .map((value) => JSON.stringify(value)),
    );
    const header = fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/test-notes',
          `/test-notes/${uuidv7()}/amendments`,
          '/test-notes/x/archive',
        ),
        body,
        fc.constantFrom(
          'application/json',
          'application/merge-patch+json',
          'text/plain',
          'application/json; charset=latin1',
        ),
        header,
        header,
        async (path, payload, contentType, ifMatch, idempotencyKey) => {
          const request = post(path, path.endsWith('archive') ? supervisor : operator).set(
            'Content-Type',
            contentType,
          );
          if (ifMatch) request.set('If-Match', ifMatch);
          if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
          const response = await request.send(payload);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400)
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
