import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EventSchemaRegistry } from '@sportello/eventstore';
import {
  PRIVACY_POLICY,
  PRIVACY_QUEUE,
  PrivacyPolicy,
  PrivacyProcessor,
  RUN_RETENTION,
} from '@sportello/privacy';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

jest.setTimeout(120_000);

const giulia = {
  customerType: 'residential',
  name: 'Giulia Neri',
  fiscalCode: 'NREGLI90A41F205X',
  phone: '+39 320 5550001',
  email: 'giulia.neri@example.it',
};
const paolo = { customerType: 'residential', name: 'Paolo Gialli', fiscalCode: 'GLLPLA70C03L219Y' };
const anna = { customerType: 'residential', name: 'Anna Blu', fiscalCode: 'BLUNNA65D44H501W' };

/** The shipped policy with a retention period an administrator set for PSA only. */
function policyDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-policy-'));
  const policy = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'policies', 'privacy', 'retention.json'), 'utf8'),
  );
  for (const profile of policy.profiles)
    if (profile.operator === 'PSA') profile.retention.ticketHistory.days = 30;
  writeFileSync(join(dir, 'retention.json'), JSON.stringify(policy));
  return dir;
}

describe('issue 8 — rectification and retention (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let operator: string;
  let auditor: string;
  let officer: string;
  let admin: string;
  let dir: string;
  const ids = {} as Record<
    'giulia' | 'giuliaComplaint' | 'paoloComplaint' | 'annaComplaint',
    string
  >;

  beforeAll(async () => {
    dir = policyDirectory();
    process.env.PRIVACY_POLICIES_DIR = dir;
    booted = await bootApp();
    operator = await booted.token('operator', 'op-1');
    auditor = await booted.token('auditor', 'aud-1');
    officer = await booted.token('privacy_officer', 'dpo-1');
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(async () => {
    await booted.teardown();
    delete process.env.PRIVACY_POLICIES_DIR;
    rmSync(dir, { recursive: true, force: true });
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);
  const find = async (identifiers: object) =>
    (await post('/v1/privacy/subjects/search', identifiers, officer).expect(200)).body.subjects as {
      subjectId: string;
    }[];
  const file = async (operatorCode: string, customer: object, description: string) =>
    (
      await post('/v1/complaints', {
        operator: operatorCode,
        customer,
        channel: 'email',
        receivedAt: '2026-03-02T09:00:00+01:00',
        category: 'service_quality',
        description,
      }).expect(201)
    ).body.complaintId as string;
  const close = async (complaintId: string) => {
    await post(`/v1/complaints/${complaintId}/answer`, {
      outcome: 'upheld',
      answeredAt: '2026-03-10T09:00:00+01:00',
      measures: ['Linea riconfigurata'],
    }).expect(200);
    await post(`/v1/complaints/${complaintId}/closure`, {}).expect(200);
  };

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 20_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('every event the retention policy ends or reopens a ticket with is a registered event type', () => {
    const registry = booted.app.get(EventSchemaRegistry);
    const policy = booted.app.get<PrivacyPolicy>(PRIVACY_POLICY);
    const named = policy.streamKinds.flatMap((k) => [...(k.closedBy ?? []), ...k.reopenedBy]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((type) => !registry.has(type))).toEqual([]);
    expect(policy.streamKinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['activation', 'maintenance-window', 'directory-error', 'assistance']),
    );
  });

  it('files the tickets', async () => {
    await setClock('2026-03-02T10:00:00+01:00');
    ids.giuliaComplaint = await file('PSA', giulia, 'Chiamatemi al 320 5550001 dopo le 17');
    ids.paoloComplaint = await file('PSA', paolo, 'Linea lenta');
    ids.annaComplaint = await file('FASTWEB', anna, 'Linea assente');
    ids.giulia = (await find({ fiscalCode: giulia.fiscalCode }))[0].subjectId;
  });

  it('PRV-9: a rectified phone is never shown again but to an auditor, and finds the subject instead of the old one', async () => {
    expectProblem(
      await post(
        `/v1/privacy/subjects/${ids.giulia}/rectifications`,
        { field: 'phone', value: 'not a phone' },
        officer,
      ),
      422,
    );
    const rectified = await post(
      `/v1/privacy/subjects/${ids.giulia}/rectifications`,
      { field: 'phone', value: '+39 320 5550002', reason: 'Numero trascritto male' },
      officer,
    ).expect(201);
    expect(rectified.body).toEqual({ rectificationId: expect.any(String), replaced: 1 });

    const shown = (await get(`/v1/complaints/${ids.giuliaComplaint}`).expect(200)).body;
    expect(shown.customer.phone).toBe('+39 320 5550002');
    expect(JSON.stringify(shown)).not.toMatch(/5550001/);
    const audited = (await get(`/v1/complaints/${ids.giuliaComplaint}`, auditor).expect(200)).body;
    expect(audited.customer.phone).toBe('+39 320 5550001');

    expect(await find({ phone: '3205550001' })).toEqual([]);
    expect((await find({ phone: '3205550002' })).map((s) => s.subjectId)).toEqual([ids.giulia]);

    const requested = await post(
      `/v1/privacy/subjects/${ids.giulia}/exports`,
      { channel: 'email' },
      officer,
    ).expect(201);
    const doc = (await get(requested.body.json, officer).expect(200)).body;
    expect(JSON.stringify(doc)).not.toMatch(/5550001/);
    expect(JSON.stringify(doc)).toContain('Chiamatemi al +39 320 5550002 dopo le 17');
    expect(doc.personalData).toContainEqual(
      expect.objectContaining({ category: 'phone', value: '+39 320 5550002' }),
    );
    expect(doc.privacyRequests.rectifications).toEqual([
      expect.objectContaining({ field: 'phone', value: '+39 320 5550002' }),
    ]);
  });

  it('PRV-6: the dry run lists the subjects whose tickets have all been closed longer than the period, and nobody else', async () => {
    await setClock('2026-03-10T10:00:00+01:00');
    await close(ids.giuliaComplaint);
    await close(ids.annaComplaint);

    await setClock('2026-04-09T09:00:00+02:00');
    const early = (await get('/v1/privacy/retention/review', officer).expect(200)).body;
    expect(early).toMatchObject({
      eligible: [],
      periodsNotSet: expect.arrayContaining(['FASTWEB']),
    });
    expect(early.periodsNotSet).not.toContain('PSA');

    await setClock('2026-04-09T11:00:00+02:00');
    const review = await eventually(
      async () => (await get('/v1/privacy/retention/review', officer).expect(200)).body,
      (body: { eligible: unknown[] }) => body.eligible.length > 0,
      'the retention candidates',
    );
    expect(review.eligible).toEqual([
      {
        subjectId: ids.giulia,
        since: '2026-04-09T09:00:00.000Z',
        streams: [`complaint-${ids.giuliaComplaint}`],
      },
    ]);
    // A dry run changes nothing.
    expect(
      (await get(`/v1/complaints/${ids.giuliaComplaint}`).expect(200)).body.customer.name,
    ).toBe(giulia.name);
  });

  it('PRV-6: retention is scheduled nightly in the worker, with a payload that carries no data', async () => {
    const queue = booted.app.get<Queue>(getQueueToken(PRIVACY_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(
      expect.objectContaining({ key: RUN_RETENTION, pattern: '0 3 * * *', tz: 'Europe/Rome' }),
    );
  });

  it('PRV-6, PRV-13: the nightly job erases them like an erasure request; the auditor then sees erased data too', async () => {
    const job = { name: RUN_RETENTION, id: 'nightly-1', data: {} } as Job;
    expect(await booted.app.get(PrivacyProcessor).process(job)).toEqual({
      erased: 1,
      held: 0,
      failed: 0,
    });
    const audited = (await get(`/v1/complaints/${ids.giuliaComplaint}`, auditor).expect(200)).body;
    expect(audited.customer).toMatchObject({ name: '[erased]', phone: '[erased]' });
    expect(JSON.stringify(audited)).not.toMatch(/555000|Giulia|giulia\.neri/);
    const overview = (await get(`/v1/privacy/subjects/${ids.giulia}`, officer).expect(200)).body;
    expect(overview).toMatchObject({
      status: 'erased',
      erasure: { trigger: 'retention', erasedBy: 'system:privacy-retention' },
      erasureRequests: [expect.objectContaining({ channel: 'retention', status: 'executed' })],
    });
    expect((await get(`/v1/complaints/${ids.paoloComplaint}`).expect(200)).body.customer.name).toBe(
      paolo.name,
    );
    expect((await get(`/v1/complaints/${ids.annaComplaint}`).expect(200)).body.customer.name).toBe(
      anna.name,
    );
    const again = await eventually(
      async () =>
        (await post('/v1/privacy/retention/runs', {}, officer).expect(200)).body as {
          eligible: unknown[];
          erased: unknown[];
        },
      (body) => body.eligible.length === 0,
      'the erased subject to leave the candidates',
    );
    expect(again).toMatchObject({ dryRun: false, erased: [], failed: [] });
  });
});
