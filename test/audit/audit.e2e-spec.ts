import type { Response } from 'supertest';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure, testDatabase } from '../support/test-infrastructure';
import { AuditedStore, buildAuditedStore, eventually, PERSONAL } from './audited-store';

// Booting an application and building a store of every ticket kind takes a while.
jest.setTimeout(180_000);

interface AuditedEvent {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { recordedAt: string; subjectIds: string[] };
  masked: string[];
}

interface Comparison {
  projection: string;
  eventsApplied: number;
  differenceCount: number;
  differences: unknown[];
  tables: { table: string; liveRows: number; rebuiltRows: number }[];
}

describe('audit over HTTP: replay, time travel, integrity, rebuild-and-compare, digests', () => {
  let booted: BootedApp;
  let store: AuditedStore;
  let auditor: string;
  let admin: string;
  let operator: string;
  let answered: AuditedEvent;

  beforeAll(async () => {
    booted = await bootApp();
    auditor = await booted.token('auditor', 'aud-1');
    admin = await booted.token('admin', 'admin-1');
    operator = await booted.token('operator', 'op-1');
    store = await buildAuditedStore(booted);
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const get = (path: string, token = auditor) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, body: object, token = auditor) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const sql = <R extends object>(text: string, params: unknown[] = []) =>
    testDatabase()
      .query<R>(text.replace(/\{S\}/g, booted.schema), params)
      .then((r) => r.rows);
  const complaintStream = () => `complaint-${store.complaintId}`;
  const compare = async (body: object = {}) =>
    (await post('/v1/audit/read-models/comparisons', body).expect(200)).body as {
      differenceCount: number;
      projections: Comparison[];
    };

  it('lets only auditors replay and travel in time; auditors and admins check integrity', async () => {
    for (const token of [operator, admin, await booted.token('supervisor')]) {
      expectProblem(await get('/v1/audit/events', token), 403, 'forbidden');
      expectProblem(await get(`/v1/audit/streams/${complaintStream()}/events`, token), 403);
      expectProblem(
        await get(`/v1/audit/streams/${complaintStream()}/state?revision=0`, token),
        403,
      );
    }
    for (const token of [operator, await booted.token('privacy_officer')]) {
      expectProblem(await get('/v1/audit/integrity', token), 403, 'forbidden');
      expectProblem(await post('/v1/audit/read-models/comparisons', {}, token), 403);
      expectProblem(await get('/v1/audit/digests', token), 403);
    }
    await get('/v1/audit/integrity', admin).expect(200);
    await get('/v1/audit/read-models', admin).expect(200);
  });

  it('rebuild-compare reports zero differences for every read model of a store with all ticket kinds', async () => {
    const catalogue = (await get('/v1/audit/read-models').expect(200)).body;
    expect(catalogue.streamKinds).toEqual(
      expect.arrayContaining(
        [
          ['complaint', 'complaint-'],
          ['fault', 'fault-'],
          ['outage', 'outage-'],
          ['billing-account', 'billing-account-'],
          ['billing-incident', 'billing-incident-'],
          ['billing-recovery', 'billing-recovery-'],
          ['activation', 'activation-'],
          ['maintenance-window', 'maintenance-window-'],
          ['directory-error', 'directory-error-'],
          ['assistance', 'assistance-'],
        ].map(([kind, streamPrefix]) => ({ kind, streamPrefix })),
      ),
    );
    const names = catalogue.readModels.map((r: { name: string }) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'complaints_list',
        'faults_list',
        'billing_accounts',
        'billing_incidents',
        'activations_list',
        'maintenance_windows',
        'directory_errors',
        'assistance_tickets',
      ]),
    );
    expect(names).not.toContain('notification_outbox');

    const report = await compare();
    expect(report.projections.map((p) => p.projection)).toEqual(names);
    for (const projection of report.projections)
      expect({ projection: projection.projection, differences: projection.differences }).toEqual({
        projection: projection.projection,
        differences: [],
      });
    expect(report.differenceCount).toBe(0);
    const rows = Object.fromEntries(
      report.projections.flatMap((p) => p.tables.map((t) => [t.table, t.rebuiltRows])),
    );
    expect(rows).toMatchObject({
      complaints: 1,
      faults: 1,
      outages: 1,
      fault_incident_links: 1,
      billing_accounts: 1,
      billing_invoices: 1,
      billing_incidents: 1,
      billing_recoveries: 1,
      activations: 1,
      maintenance_windows: 1,
      maintenance_window_lines: 1,
      directory_errors: 1,
      assistance_tickets: 1,
    });
  });

  it('rebuild-compare reports exactly one difference when a read-model row is tampered with in SQL', async () => {
    await eventually(
      () =>
        sql<{ status: string }>(`SELECT status FROM {S}.complaints WHERE complaint_id = $1`, [
          store.complaintId,
        ]),
      (rows) => rows[0]?.status === 'answered',
      'the answered complaint in its read model',
    );
    await sql(`UPDATE {S}.complaints SET status = 'closed' WHERE complaint_id = $1`, [
      store.complaintId,
    ]);
    try {
      const report = await compare();
      expect(report.differenceCount).toBe(1);
      const tampered = report.projections.find((p) => p.projection === 'complaints_list')!;
      expect(tampered.differences).toEqual([
        {
          table: 'complaints',
          key: { complaint_id: store.complaintId },
          kind: 'changed',
          columns: [{ column: 'status', live: 'closed', rebuilt: 'answered' }],
        },
      ]);
      expect((await compare({ projections: ['complaints_list'] })).differenceCount).toBe(1);
      expectProblem(
        await post('/v1/audit/read-models/comparisons', { projections: ['nope'] }),
        404,
      );
    } finally {
      await sql(`UPDATE {S}.complaints SET status = 'answered' WHERE complaint_id = $1`, [
        store.complaintId,
      ]);
    }
    expect((await compare({ projections: ['complaints_list'] })).differenceCount).toBe(0);
  });

  it('replays a stream and the global log, paged, with metadata and personal data masked', async () => {
    const first = await get(`/v1/audit/streams/${complaintStream()}/events?limit=1`).expect(200);
    expect(first.body.nextRevision).toBe(1);
    const [filed] = first.body.events as AuditedEvent[];
    expect(filed).toMatchObject({
      stream: complaintStream(),
      revision: 0,
      type: 'ComplaintFiled',
      metadata: { actor: { id: 'op-1', role: 'operator' }, subjectIds: [store.subjectId] },
      prevHash: '0'.repeat(64),
      data: {
        customer: { name: '[masked]', fiscalCode: '[masked]', subjectId: store.subjectId },
        description: '[masked]',
        category: 'service_quality',
      },
    });
    expect(filed.masked).toEqual(
      expect.arrayContaining(['customer.name', 'customer.fiscalCode', 'description']),
    );
    const rest = await get(`/v1/audit/streams/${complaintStream()}/events?fromRevision=1`).expect(
      200,
    );
    answered = (rest.body.events as AuditedEvent[]).find((e) => e.type === 'ComplaintAnswered')!;
    expect(answered.metadata.recordedAt).toBe('2026-05-06T08:00:00.000Z');

    const total = Number((await sql<{ n: string }>('SELECT count(*) AS n FROM {S}.events'))[0].n);
    const seen: AuditedEvent[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: Response = await get(
        `/v1/audit/events?limit=7${after ? `&after=${after}` : ''}`,
      ).expect(200);
      seen.push(...page.body.events);
      for (const name of PERSONAL) expect(page.text).not.toContain(name);
      after = page.body.checkpoint;
      if (!page.body.hasMore) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(total);
    for (const prefix of [
      'complaint-',
      'fault-',
      'outage-',
      'billing-account-',
      'billing-incident-',
      'billing-recovery-',
    ])
      expect(seen.some((e) => e.stream.startsWith(prefix))).toBe(true);
    expectProblem(await get('/v1/audit/streams/complaint-nothing-here/events'), 404);
  });

  it('unmasks only with a reason, and records the access as an event naming the data subject', async () => {
    const noReason = await get(`/v1/audit/streams/${complaintStream()}/events?unmask=true`);
    expect(expectProblem(noReason, 400, 'validation-failed').errors).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect(
      await sql(`SELECT 1 FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'`),
    ).toEqual([]);

    const reason = 'Verifica su richiesta del Garante prot. 2026/118';
    const clear = await get(
      `/v1/audit/streams/${complaintStream()}/events?limit=1&unmask=true&reason=${encodeURIComponent(reason)}`,
    ).expect(200);
    expect(clear.body.events[0].data.customer.name).toBe('Maria Esposito');
    expect(clear.body.events[0].masked).toEqual([]);

    const accesses = await sql<{ stream: string; data: string; metadata: string }>(
      `SELECT stream, data::text, metadata::text FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'`,
    );
    expect(accesses).toHaveLength(1);
    const access = {
      data: JSON.parse(accesses[0].data),
      metadata: JSON.parse(accesses[0].metadata),
    };
    expect(access.data).toMatchObject({
      auditorId: 'aud-1',
      reason,
      scope: { kind: 'stream', stream: complaintStream(), fromRevision: 0, toRevision: 0 },
      subjectIds: [store.subjectId],
      eventIds: [clear.body.events[0].id],
    });
    expect(access.metadata).toMatchObject({
      actor: { id: 'aud-1', role: 'auditor' },
      subjectIds: [store.subjectId],
    });
    // The access itself is on the log, and replays like any stream.
    const replayed = await get(`/v1/audit/streams/${accesses[0].stream}/events`).expect(200);
    expect(replayed.body.events[0].type).toBe('PersonalDataAccessedByAuditor');
    expect(booted.logs.text()).not.toContain('Maria Esposito');
  });

  it('as-of returns the state before and after a given event, by recorded time and by revision', async () => {
    const state = (query: string) =>
      get(`/v1/audit/streams/${complaintStream()}/state?${query}`).expect(200);
    const justBefore = new Date(Date.parse(answered.metadata.recordedAt) - 1).toISOString();
    const before = await state(`at=${justBefore}`);
    expect(before.body).toMatchObject({ kind: 'complaint', state: { status: 'open' } });
    expect(before.body.lastEvent.revision).toBeLessThan(answered.revision);
    const after = await state(`at=${answered.metadata.recordedAt}`);
    expect(after.body.state).toMatchObject({ status: 'answered' });
    expect(after.body.lastEvent.revision).toBeGreaterThanOrEqual(answered.revision);

    expect((await state(`revision=${answered.revision - 1}`)).body.state.status).toBe('open');
    const at = await state(`revision=${answered.revision}`);
    expect(at.body).toMatchObject({
      lastEvent: { revision: answered.revision, type: 'ComplaintAnswered', id: answered.id },
      state: { status: 'answered' },
    });
    const beforeFiling = await state('at=2026-05-01T00:00:00Z');
    expect(beforeFiling.body).toMatchObject({ lastEvent: null, eventsFolded: 0 });
    expect(JSON.stringify(after.body)).not.toContain('Maria Esposito');

    const row = (at: string) =>
      get(
        `/v1/audit/read-models/complaints_list/complaints/row?at=${at}&key=${store.complaintId}`,
      ).expect(200);
    expect((await row(justBefore)).body.row).toMatchObject({ status: 'open' });
    expect((await row(answered.metadata.recordedAt)).body.row).toMatchObject({
      status: 'answered',
      outcome: 'upheld',
    });
    expect((await row('2026-05-01T00:00:00Z')).body.row).toBeNull();
    expect(
      expectProblem(
        await get(
          `/v1/audit/read-models/billing_accounts/billing_invoices/row?at=${justBefore}&key=x`,
        ),
        400,
      ).errors,
    ).toEqual([expect.objectContaining({ field: 'key' })]);
    expectProblem(await get(`/v1/audit/streams/subject-x/state?revision=0`), 400);
  });

  let kept: Record<string, unknown>;

  it('takes the signed digest of the day at midnight; a kept digest stays valid after more appends', async () => {
    await post('/test-clock', { set: '2026-05-07T00:30:00+02:00' }, admin).expect(200);
    kept = (
      await eventually(
        () => get('/v1/audit/digests/2026-05-06', admin),
        (response) => response.status === 200,
        'the digest of 2026-05-06',
      )
    ).body;
    const key = (await get('/v1/audit/signing-key').expect(200)).body;
    expect(kept).toMatchObject({
      date: '2026-05-06',
      format: 'sportello-digest/1',
      keyId: key.keyId,
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const heads = kept.heads as { stream: string; revision: number }[];
    expect(heads).toEqual(
      expect.arrayContaining([expect.objectContaining({ stream: complaintStream() })]),
    );
    expect((await get('/v1/audit/digests').expect(200)).body.items[0]).toMatchObject({
      date: '2026-05-06',
    });
    expectProblem(await get('/v1/audit/digests/2026-01-01'), 404);

    await post(`/v1/complaints/${store.complaintId}/closure`, {}, operator).expect(200);
    const verified = await post('/v1/audit/digests/verify', kept).expect(200);
    expect(verified.body).toEqual({ valid: true, keyId: key.keyId, problems: [] });

    const forged = { ...kept, heads: heads.slice(1) };
    expect((await post('/v1/audit/digests/verify', forged).expect(200)).body.valid).toBe(false);
    const otherKey = { ...kept, keyId: 'audit-ed25519-0000000000000000' };
    expect((await post('/v1/audit/digests/verify', otherKey).expect(200)).body).toMatchObject({
      valid: false,
      problems: [{ kind: 'unknown_key' }],
    });
  });

  it('verify reports an event edited directly in SQL with its stream and position; the kept digest turns invalid', async () => {
    expect((await get('/v1/audit/integrity', admin).expect(200)).body).toMatchObject({
      scope: 'store',
      ok: true,
      firstBreak: null,
    });
    const [filed] = (await get(`/v1/audit/streams/${complaintStream()}/events?limit=1`).expect(200))
      .body.events as AuditedEvent[];
    await sql(
      `UPDATE {S}.events SET data = jsonb_set(data::jsonb, '{category}', '"billing"')::json
        WHERE stream = $1 AND revision = 0`,
      [complaintStream()],
    );
    const whole = await get('/v1/audit/integrity').expect(200);
    expect(whole.body).toMatchObject({
      scope: 'store',
      ok: false,
      firstBreak: {
        kind: 'content_altered',
        stream: complaintStream(),
        revision: 0,
        position: filed.position,
        eventId: filed.id,
      },
    });
    const stream = await get(`/v1/audit/integrity?stream=${complaintStream()}`).expect(200);
    expect(stream.body).toMatchObject({
      scope: 'stream',
      ok: false,
      firstBreak: { position: filed.position },
    });
    expect(
      (await get(`/v1/audit/integrity?stream=fault-${store.faultId}`).expect(200)).body.ok,
    ).toBe(true);

    const verified = await post('/v1/audit/digests/verify', kept).expect(200);
    expect(verified.body).toMatchObject({
      valid: false,
      problems: [{ kind: 'chain_broken', stream: complaintStream(), revision: 0 }],
    });
  });
});
