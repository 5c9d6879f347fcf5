import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure, TEST_REDIS_URL } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(120_000);

type CustomerType = 'residential' | 'business';
const customer = (customerType: CustomerType) =>
  customerType === 'residential'
    ? { customerType, name: 'Giulia Verdi', email: 'giulia.verdi@example.it' }
    : { customerType, name: 'Rossi Impianti srl', vatNumber: '01234567890' };
const ADDRESS = 'Via Garibaldi 7, 10122 Torino';

interface Candidate {
  basis: string;
  rule: string;
  clause: string;
  dueDate: string | null;
}
interface Detail {
  activationId: string;
  reference: string;
  status: string;
  customer: Record<string, unknown>;
  address: string | null;
  deadline: {
    activationDueAt: string | null;
    missed: boolean;
    overdue: boolean;
    policy: { version: string; term: { rule: string; clause: string; days: number } };
    inputs: Record<string, unknown>;
    explanation: {
      status: string;
      chosen: string | null;
      dueDate: string | null;
      candidates: Candidate[];
      rules: string[];
      summary: string;
    };
  };
  indemnity: {
    assessed: Record<string, unknown> | null;
    current: Record<string, unknown> | null;
  };
  timeline: { type: string; actor: { id: string; role: string } }[];
}

/** RULES §7 activation scenarios (AS-29, AS-30) and the activation timer, over HTTP on
 * PostgreSQL and Redis, on a test clock. */
describe('activation and relocation requests over HTTP', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;
  let auditor: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-7');
    supervisor = await booted.token('supervisor', 'sup-1');
    auditor = await booted.token('auditor', 'aud-1');
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
  const detail = async (id: string, token = operator): Promise<Detail> =>
    (await get(`/v1/activations/${id}`, token).expect(200)).body;
  const types = async (id: string) => (await detail(id)).timeline.map((e) => e.type);

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  async function request(
    operatorCode: string,
    receivedAt: string,
    extra: Record<string, unknown> = {},
    customerType: CustomerType = 'residential',
  ): Promise<{ activationId: string; reference: string; dueDate: string | null }> {
    const response = await post('/v1/activations', {
      operator: operatorCode,
      customer: customer(customerType),
      requestKind: 'activation',
      services: ['voice'],
      address: ADDRESS,
      channel: 'web_area',
      receivedAt,
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('AS-29: Fastweb, the earlier deadline wins (AMB-8); the timer marks the miss; 8 days late: €40.00 contractual, €60.00 credited (AMB-17), business €80.00 / €120.00', async () => {
    await setClock('2026-01-05T12:00:00+01:00');
    const residential = await request('FASTWEB', '2026-01-05T10:00:00+01:00');
    const business = await request('FASTWEB', '2026-01-05T10:00:00+01:00', {}, 'business');
    expect(residential).toMatchObject({
      reference: expect.stringMatching(/^AT-2026-[0-9A-Z]{8}$/),
      dueDate: '2026-03-06',
      activationDueAt: '2026-03-06T22:59:59.999Z',
      policyVersion: 'FASTWEB@cds-2017',
      revision: 0,
    });

    await setClock('2026-01-20T12:00:00+01:00');
    for (const { activationId } of [residential, business])
      await post(`/v1/activations/${activationId}/technical-check`, {
        outcome: 'positive',
        checkedAt: '2026-01-20T10:00:00+01:00',
      })
        .set('If-Match', '"0"')
        .expect(200);
    const checked = await detail(residential.activationId);
    expect(checked.deadline).toMatchObject({
      activationDueAt: '2026-02-19T22:59:59.999Z',
      policy: { version: 'FASTWEB@cds-2017', term: { rule: 'ACT-1', clause: 'FW-CDS §5.1' } },
      inputs: {
        receivedAt: '2026-01-05T09:00:00.000Z',
        technicalCheck: { outcome: 'positive', checkedAt: '2026-01-20T09:00:00.000Z' },
        pauses: [],
        announcedDate: null,
      },
      explanation: {
        status: 'DUE',
        chosen: 'AFTER_POSITIVE_CHECK',
        dueDate: '2026-02-19',
        rules: expect.arrayContaining(['ACT-1', 'ACT-2', 'AMB-8']),
      },
    });
    expect(
      checked.deadline.explanation.candidates.map((c) => [c.basis, c.rule, c.clause, c.dueDate]),
    ).toEqual([
      ['REQUEST_TERM', 'ACT-1', 'FW-CDS §5.1', '2026-03-06'],
      ['AFTER_POSITIVE_CHECK', 'ACT-2', 'FW-CGC 4.1', '2026-02-19'],
    ]);

    // The clock passes the deadline: the timer records the miss, once, as the system.
    await setClock('2026-02-20T09:00:00+01:00');
    for (const { activationId } of [residential, business])
      await eventually(
        () => types(activationId),
        (t) => t.includes('ActivationDeadlineMissed'),
        'the missed activation deadline',
      );
    const missed = await detail(residential.activationId);
    expect(missed.deadline).toMatchObject({ missed: true, overdue: true });
    expect(missed.timeline.find((e) => e.type === 'ActivationDeadlineMissed')?.actor).toEqual({
      id: 'system:deadline-timer',
      role: 'system',
    });
    expect(missed.indemnity.current).toMatchObject({ basis: 'accruing', daysOfDelay: 1 });
    const overdue = await eventually(
      async () =>
        (await get('/v1/activations?overdue=true&operator=FASTWEB').expect(200)).body.items as {
          activationId: string;
          deadlineMissed: boolean;
        }[],
      (items) =>
        [residential, business].every((r) =>
          items.some((i) => i.activationId === r.activationId && i.deadlineMissed),
        ),
      'the overdue rows',
    );
    expect(JSON.stringify(overdue)).not.toMatch(/Giulia|Rossi Impianti|Garibaldi/);

    await setClock('2026-02-27T12:00:00+01:00');
    const expected = [
      [residential, 500, 4000, 750, 6000],
      [business, 1000, 8000, 1500, 12000],
    ] as const;
    for (const [{ activationId }, daily, contract, regulatorDaily, regulator] of expected) {
      const activated = await post(`/v1/activations/${activationId}/activation`, {
        activatedAt: '2026-02-27T10:00:00+01:00',
      }).expect(200);
      expect(activated.body.events).toEqual(['ServiceActivated', 'ActivationIndemnityAssessed']);
      expect((await detail(activationId)).indemnity.assessed).toMatchObject({
        indemnityType: 'ACTIVATION_DELAY',
        dueDate: '2026-02-19',
        activatedOn: '2026-02-27',
        daysOfDelay: 8,
        contractual: { dailyCents: daily, amountCents: contract, clause: 'FW-CDS §5.3' },
        regulatory: { dailyCents: regulatorDaily, amountCents: regulator },
        credit: {
          basis: 'regulator',
          amountCents: regulator,
          applyRegulatoryFloor: true,
          automatic: true,
          onFirstInvoiceIssuedAfter: '2026-04-13',
        },
        currency: 'EUR',
        status: 'due',
      });
    }
  });

  it('AS-30: PSA voice + broadband due 2026-03-04; informed in time of activation from 2026-03-20 → €0.00; not informed → 16 days: €32.00 capped at €30.00, regulatory €120.00', async () => {
    await setClock('2026-02-02T12:00:00+01:00');
    const body = { services: ['voice', 'broadband'], channel: 'email' };
    const informed = await request('PSA', '2026-02-02T10:00:00+01:00', body);
    const uninformed = await request('PSA', '2026-02-02T10:00:00+01:00', body);
    expect(informed.dueDate).toBe('2026-03-04');

    await setClock('2026-02-20T12:00:00+01:00');
    const notice = await post(`/v1/activations/${informed.activationId}/delay-notices`, {
      informedAt: '2026-02-20T10:00:00+01:00',
      channel: 'email',
      reason: 'Attesa permessi di scavo del Comune',
      newActivationDate: '2026-03-20',
      agreedWithCustomer: true,
    }).expect(200);
    expect(notice.body).toMatchObject({
      noticeId: expect.any(String),
      activationDueAt: '2026-03-20T22:59:59.999Z',
    });
    expect((await detail(informed.activationId)).deadline.explanation).toMatchObject({
      chosen: 'ANNOUNCED_DATE',
      dueDate: '2026-03-20',
      rules: expect.arrayContaining(['ACT-9', 'ACT-10', 'IND-5']),
    });

    await setClock('2026-03-20T12:00:00+01:00');
    await eventually(
      () => types(uninformed.activationId),
      (t) => t.includes('ActivationDeadlineMissed'),
      'the missed PSA deadline',
    );
    for (const { activationId } of [informed, uninformed])
      await post(`/v1/activations/${activationId}/activation`, {
        activatedAt: '2026-03-20T10:00:00+01:00',
      }).expect(200);
    expect(await types(informed.activationId)).not.toContain('ActivationDeadlineMissed');
    expect((await detail(informed.activationId)).indemnity.assessed).toMatchObject({
      announcedDate: '2026-03-20',
      daysOfDelay: 0,
      credit: { amountCents: 0 },
      status: 'none',
    });
    expect((await detail(uninformed.activationId)).indemnity.assessed).toMatchObject({
      dueDate: '2026-03-04',
      daysOfDelay: 16,
      contractual: { dailyCents: 200, uncappedCents: 3200, amountCents: 3000, capCents: 3000 },
      regulatory: { amountCents: 12000 },
      credit: { basis: 'regulator', amountCents: 12000 },
    });
  });

  it('answers bad input with the field and the reason, and stores nothing', async () => {
    await setClock('2026-04-01T12:00:00+02:00');

    const invalid = await post('/v1/activations', {
      operator: 'FASTWEB',
      customer: { customerType: 'tourist', name: '' },
      requestKind: 'activation',
      services: ['fax'],
      channel: 'pigeon',
      receivedAt: '2026-04-01',
    });
    expect(expectProblem(invalid, 400, 'validation-failed').errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'customer.customerType' }),
        expect.objectContaining({ field: 'customer.name' }),
        expect.objectContaining({ field: 'services' }),
        expect.objectContaining({ field: 'channel' }),
        expect.objectContaining({ field: 'receivedAt' }),
      ]),
    );
    const future = await post('/v1/activations', {
      operator: 'FASTWEB',
      customer: customer('residential'),
      requestKind: 'activation',
      services: ['voice'],
      channel: 'phone',
      receivedAt: '2026-04-02T10:00:00+02:00',
    });
    expect(expectProblem(future, 422, 'rule-violation')).toMatchObject({
      ruleId: 'ACT-1',
      field: 'receivedAt',
    });
    const noFigures = await post('/v1/activations', {
      operator: 'WINDTRE',
      customer: customer('residential'),
      requestKind: 'activation',
      services: ['voice'],
      channel: 'phone',
    });
    expect(expectProblem(noFigures, 422)).toMatchObject({ ruleId: 'CAL-9', field: 'operator' });
    const relocation = await post('/v1/activations', {
      operator: 'FASTWEB',
      customer: customer('residential'),
      requestKind: 'relocation',
      services: ['voice'],
      channel: 'phone',
      address: ADDRESS,
    });
    expect(expectProblem(relocation, 422)).toMatchObject({
      ruleId: 'AMB-8',
      field: 'relocationFormTermDays',
    });

    const { activationId } = await request('PSA', '2026-04-01T10:00:00+02:00');
    const negative = await post(`/v1/activations/${activationId}/technical-check`, {
      outcome: 'negative',
      checkedAt: '2026-04-01T11:00:00+02:00',
    });
    expect(expectProblem(negative, 422)).toMatchObject({ ruleId: 'AMB-8', field: 'reason' });
    const undated = await post(`/v1/activations/${activationId}/delay-notices`, {
      informedAt: '2026-04-01T11:00:00+02:00',
      channel: 'sms',
      reason: 'Apparati in consegna',
    });
    expect(expectProblem(undated, 422)).toMatchObject({
      ruleId: 'ACT-10',
      field: 'newActivationDate',
    });
    expectProblem(
      await post(`/v1/activations/${activationId}/activation`, {
        activatedAt: '2026-04-01T11:30:00+02:00',
      }).set('If-Match', '"5"'),
      412,
      'precondition-failed',
    );
    expectProblem(await get('/v1/activations/not-a-uuid'), 400);
    expectProblem(await get('/v1/activations/by-reference/AT-2026-ZZZZZZZZ'), 404);
    expect(await types(activationId)).toEqual(['ActivationRequested']);

    // Refused input appends nothing: the day's list holds the one request accepted.
    const day =
      '/v1/activations?receivedFrom=2026-03-31T22:00:00Z&receivedBefore=2026-04-01T22:00:00Z';
    const stored = await eventually(
      async () => (await get(day).expect(200)).body.items as { activationId: string }[],
      (items) => items.length > 0,
      'the stored request in the list',
    );
    expect(stored.map((i) => i.activationId)).toEqual([activationId]);
  });

  it('roles: auditors read but never write; only a supervisor approves a late pause (CAL-8); privacy officers are refused', async () => {
    await setClock('2026-04-02T12:00:00+02:00');
    const { activationId, reference } = await request('FASTWEB', '2026-04-02T10:00:00+02:00');
    expect((await detail(activationId, auditor)).customer).toMatchObject({ name: 'Giulia Verdi' });
    expect(
      (await get(`/v1/activations/by-reference/${reference}`, auditor).expect(200)).body,
    ).toMatchObject({ activationId, address: ADDRESS });
    expectProblem(
      await post(
        `/v1/activations/${activationId}/technical-check`,
        { outcome: 'positive', checkedAt: '2026-04-02T11:00:00+02:00' },
        auditor,
      ),
      403,
      'forbidden',
    );
    expectProblem(await post('/v1/activations', {}, auditor), 403, 'forbidden');
    expectProblem(await get('/v1/activations', await booted.token('privacy_officer')), 403);

    // 2026-04-02 + 60 days = 2026-06-01; past it a pause needs a supervisor's approval.
    await setClock('2026-06-03T12:00:00+02:00');
    const pause = {
      kind: 'WAITING_ON_CUSTOMER',
      reason: 'Cliente assente al sopralluogo',
      from: '2026-05-20T09:00:00+02:00',
      to: '2026-05-25T09:00:00+02:00',
      approval: { reason: 'Documentato dal tecnico' },
    };
    expectProblem(await post(`/v1/activations/${activationId}/pauses`, pause), 403, 'forbidden');
    const { approval: _approval, ...unapproved } = pause;
    expect(
      expectProblem(await post(`/v1/activations/${activationId}/pauses`, unapproved), 422),
    ).toMatchObject({ ruleId: 'CAL-8', field: 'approval' });
    const approved = await post(`/v1/activations/${activationId}/pauses`, pause, supervisor).expect(
      200,
    );
    expect(approved.body.events).toEqual(['ActivationLatePauseApproved', 'ActivationClockPaused']);
    expect(approved.body.activationDueAt).toBe('2026-06-05T21:59:59.999Z');
  });

  it('what-if: pending requests under a candidate PSA version, beside their pinned figures, nothing changed', async () => {
    await setClock('2026-05-10T12:00:00+02:00');
    const pending = await request('PSA', '2026-05-04T10:00:00+02:00');
    const psa = JSON.parse(readFileSync(join(__dirname, '../../policies/PSA.cds.json'), 'utf8'));
    const candidate = {
      ...psa,
      version: 'PSA@candidate-20-days',
      effectiveFrom: '2026-06-01',
      activation: { ...psa.activation, term: { ...psa.activation.term, days: 20 } },
    };
    type Ticket = {
      ticketId: string;
      reference: string;
      candidateWouldApply: boolean;
      current: { dueDate: string; indemnity: { status: string; amountCents: number } };
      candidate: { dueDate: string; indemnity: { status: string; daysLate: number } };
      changed: boolean;
    };
    const tickets = await eventually(
      async () =>
        (
          await post(
            '/v1/policies/what-if',
            { ticketKind: 'activation', policy: candidate },
            supervisor,
          ).expect(200)
        ).body.tickets as Ticket[],
      (found) => found.some((t) => t.ticketId === pending.activationId),
      'the pending request in the read model',
    );
    const ticket = tickets.find((t) => t.ticketId === pending.activationId);
    expect(ticket).toMatchObject({
      reference: pending.reference,
      candidateWouldApply: false,
      current: { policyVersion: 'PSA@cds', dueDate: '2026-06-03', indemnity: { amountCents: 0 } },
      candidate: {
        policyVersion: 'PSA@candidate-20-days',
        dueDate: '2026-05-24',
        indemnity: { daysLate: 0 },
      },
      changed: true,
    });
    expectProblem(
      await post(
        '/v1/policies/what-if',
        { ticketKind: 'activation', version: 'PSA@cds' },
        operator,
      ),
      403,
    );
    expect(await types(pending.activationId)).toEqual(['ActivationRequested']);
  });

  it('keeps the customer out of the logs, the list and the job payloads', async () => {
    const logs = booted.logs.text();
    expect(logs).not.toMatch(/Giulia|Verdi|Rossi Impianti|Garibaldi|01234567890/);
    const list = await get('/v1/activations?limit=200').expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/Giulia|Verdi|Rossi Impianti|Garibaldi/);

    const redis = new IORedis(TEST_REDIS_URL);
    try {
      const dump: string[] = [];
      let jobs = 0;
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${booted.redisPrefix}:*`);
        for (const key of keys) {
          dump.push(key);
          if ((await redis.type(key)) !== 'hash') continue;
          const fields = await redis.hgetall(key);
          if (fields.data?.includes('activation-')) jobs += 1;
          dump.push(...Object.values(fields));
        }
        if (next === '0') break;
        cursor = next;
      }
      expect(jobs).toBeGreaterThan(0);
      expect(dump.join('\n')).not.toMatch(/Giulia|Verdi|Rossi Impianti|Garibaldi|0123456789/);
    } finally {
      redis.disconnect();
    }
  });
});
