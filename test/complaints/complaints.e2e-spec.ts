import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

const customer = {
  customerType: 'residential',
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  phone: '+39 333 1234567',
  email: 'maria.esposito@example.it',
};

function complaint(overrides: Record<string, unknown> = {}) {
  return {
    operator: 'FASTWEB',
    customer,
    channel: 'registered_letter',
    receivedAt: '2026-03-02T09:00:00+01:00',
    category: 'service_quality',
    description: 'La linea cade ogni sera',
    ...overrides,
  };
}

describe('complaints over HTTP (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let operator: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-1');
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);

  /** The complaint's own events; the notices the worker sends land in between at any time. */
  async function timeline(id: string): Promise<string[]> {
    return ((await get(`/v1/complaints/${id}`).expect(200)).body.timeline as { type: string }[])
      .map((e) => e.type)
      .filter((type) => type !== 'CustomerNotified');
  }

  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('AS-15: files a Fastweb complaint with its tracking code, 45-day deadline and ETag; day 46 is late', async () => {
    await setClock('2026-03-03T10:00:00+01:00');
    const filed = await post('/v1/complaints', complaint()).expect(201);
    expect(filed.body).toMatchObject({
      trackingCode: expect.stringMatching(/^RC-2026-[0-9A-Z]{8}$/),
      answerDueAt: '2026-04-16T21:59:59.999Z',
      policyVersion: 'FASTWEB@cds-2017',
      revision: 0,
    });
    expect(filed.headers.etag).toBe('"0"');

    const detail = await get(`/v1/complaints/${filed.body.complaintId}`).expect(200);
    expect(detail.body).toMatchObject({
      status: 'open',
      customer: { name: 'Maria Esposito' },
      answerDue: { dueDate: '2026-04-16', clause: expect.stringContaining('FW-CDS') },
    });
    const byCode = await get(`/v1/complaints/by-tracking-code/${filed.body.trackingCode}`).expect(
      200,
    );
    expect(byCode.body.complaintId).toBe(filed.body.complaintId);

    await setClock('2026-04-17T09:00:00+02:00');
    await eventually(
      async () =>
        (await timeline(filed.body.complaintId)).includes('ComplaintAnswerDeadlineMissed'),
      'the missed deadline',
    );
    const current = await get(`/v1/complaints/${filed.body.complaintId}`).expect(200);
    // The deadline miss moved the ETag; the notice sent on filing did not.
    const etag = current.headers.etag as string;
    const missed = (current.body.timeline as { type: string; revision: number }[]).find(
      (e) => e.type === 'ComplaintAnswerDeadlineMissed',
    );
    expect(etag).toBe(`"${missed!.revision}"`);
    const answer = {
      outcome: 'upheld',
      answeredAt: '2026-04-17T09:00:00+02:00',
      measures: ['Sostituito il modem'],
    };
    expectProblem(
      await post(`/v1/complaints/${filed.body.complaintId}/answer`, answer).set('If-Match', '"0"'),
      412,
    );
    await post(`/v1/complaints/${filed.body.complaintId}/answer`, answer)
      .set('If-Match', etag)
      .expect(200);
    const events = (await get(`/v1/complaints/${filed.body.complaintId}`).expect(200)).body
      .timeline as { type: string; data: { late?: boolean } }[];
    expect(events.find((e) => e.type === 'ComplaintAnswered')?.data.late).toBe(true);
  });

  it('AS-18: refuses a rejection without a written reasoned answer, changing nothing; accepts a reasoned one', async () => {
    await setClock('2026-04-10T12:00:00+02:00');
    const filed = await post(
      '/v1/complaints',
      complaint({ receivedAt: '2026-04-01T10:00:00+02:00' }),
    ).expect(201);
    const refused = await post(`/v1/complaints/${filed.body.complaintId}/answer`, {
      outcome: 'rejected',
      answeredAt: '2026-04-10T10:00:00+02:00',
    });
    expect(expectProblem(refused, 422, 'rule-violation')).toMatchObject({
      ruleId: 'CMP-6',
      field: 'answerDocument',
    });
    expect(await timeline(filed.body.complaintId)).toEqual(['ComplaintFiled']);
    await post(`/v1/complaints/${filed.body.complaintId}/answer`, {
      outcome: 'rejected',
      answeredAt: '2026-04-10T10:00:00+02:00',
      answerDocument: { reference: 'LET-1', reasons: ['Nessun disservizio rilevato'] },
    }).expect(200);
    await post(`/v1/complaints/${filed.body.complaintId}/closure`, {}).expect(200);
    expect(await timeline(filed.body.complaintId)).toEqual([
      'ComplaintFiled',
      'ComplaintAnswered',
      'ComplaintClosed',
    ]);
  });

  it('answers bad input with a precise problem and stores nothing', async () => {
    await setClock('2026-05-20T12:00:00+02:00');
    const future = await post(
      '/v1/complaints',
      complaint({ receivedAt: '2026-06-01T09:00:00+02:00' }),
    );
    expect(expectProblem(future, 422)).toMatchObject({ ruleId: 'CMP-4', field: 'receivedAt' });
    const unknown = await post('/v1/complaints', complaint({ operator: 'ACME' }));
    expect(expectProblem(unknown, 422)).toMatchObject({ field: 'operator' });
    const invoice = {
      number: 'F-1',
      issueDate: '2026-05-04',
      dueDate: '2026-05-19',
      amountCents: 5_000,
      disputedCents: 9_000,
    };
    const sums = await post(
      '/v1/complaints',
      complaint({
        operator: 'PSA',
        category: 'billing',
        invoice,
        receivedAt: '2026-05-19T10:00:00+02:00',
      }),
    );
    expect(expectProblem(sums, 422)).toMatchObject({
      ruleId: 'CMP-8',
      field: 'invoice.disputedCents',
    });
    const missingInvoice = await post('/v1/complaints', complaint({ category: 'billing' }));
    expect(expectProblem(missingInvoice, 400, 'validation-failed').errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'invoice' })]),
    );
    expectProblem(await get('/v1/complaints/by-tracking-code/RC-2026-ZZZZZZZZ'), 404);
    const list = await get('/v1/complaints?operator=ACME').expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('marks missed at once a complaint received 50 days ago', async () => {
    await setClock('2026-06-30T10:00:00+02:00');
    const filed = await post(
      '/v1/complaints',
      complaint({ receivedAt: '2026-05-11T09:00:00+02:00' }),
    ).expect(201);
    expect(await timeline(filed.body.complaintId)).toEqual([
      'ComplaintFiled',
      'ComplaintAnswerDeadlineMissed',
    ]);
  });

  it('CMP-5: the deadline timer records the miss once the clock passes it, and the list shows it overdue', async () => {
    await setClock('2026-07-01T10:00:00+02:00');
    const filed = await post(
      '/v1/complaints',
      complaint({ receivedAt: '2026-07-01T09:00:00+02:00' }),
    ).expect(201);
    expect(filed.body.answerDueAt).toBe('2026-08-15T21:59:59.999Z');
    await eventually(
      async () =>
        (await get(`/v1/complaints?trackingCode=${filed.body.trackingCode}`).expect(200)).body.items
          .length === 1,
      'the list row',
    );
    await setClock('2026-08-16T08:00:00+02:00');
    await eventually(
      async () =>
        (await timeline(filed.body.complaintId)).includes('ComplaintAnswerDeadlineMissed'),
      'the missed deadline',
    );
    await eventually(
      async () =>
        (
          (await get('/v1/complaints?overdue=true&status=open').expect(200)).body.items as {
            complaintId: string;
            deadlineMissed: boolean;
          }[]
        ).some((c) => c.complaintId === filed.body.complaintId && c.deadlineMissed),
      'the overdue row',
    );
  });
});
