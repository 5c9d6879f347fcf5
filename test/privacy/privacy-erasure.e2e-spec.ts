import { EVENT_STORAGE } from '@sportello/platform';
import { EventStorage, verifyAll } from '@sportello/eventstore';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';
import { dumpRedis, dumpTables, pdfText } from './plaintext-scan';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(120_000);

const maria = {
  customerType: 'residential',
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  phone: '+39 333 1234567',
  email: 'maria.esposito@example.it',
};
const luca = {
  customerType: 'residential',
  name: 'Luca Bianchi',
  fiscalCode: 'BNCLCU85M01H501Z',
  phone: '+39 347 7654321',
  email: 'luca.bianchi@example.it',
};
const rossi = {
  customerType: 'business',
  name: 'Rossi Impianti srl',
  vatNumber: '01234567890',
  email: 'amministrazione@rossi-impianti.example',
};
const MARIA_TEXT = {
  complaintLine: 'FW-LINE-0012345',
  complaintDescription: 'Il modem di casa Esposito si spegne ogni sera',
  note: 'Richiamata alle 18: preferisce essere contattata per e-mail',
  faultLine: '0299887766',
  faultDescription: 'Nessuna connessione in via Esposito dalle 8',
  recoveryLine: 'WT-3331234567',
};
/** Every personal value filed for Maria, as typed, plus the forms a search could find. */
const MARIA_VALUES = [
  maria.name,
  maria.fiscalCode,
  maria.phone,
  '3331234567',
  maria.email,
  ...Object.values(MARIA_TEXT),
];
const OTHERS_VALUES = [
  luca.name,
  luca.fiscalCode,
  luca.phone,
  '3477654321',
  luca.email,
  'Il router di Luca fa rumore',
  rossi.name,
  rossi.vatNumber,
  rossi.email,
];

interface Holds {
  holds: { holdId: string; reason: string; ruleIds: string[]; streams: string[] }[];
}

describe('issue 8 — privacy officer: find, export, erase (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;
  let auditor: string;
  let officer: string;
  let admin: string;
  const ids = {} as {
    complaint: string;
    lucaComplaint: string;
    fault: string;
    account: string;
    rossiAccount: string;
    incident: string;
    recovery: string;
    subject: string;
    rossi: string;
  };

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-1');
    supervisor = await booted.token('supervisor', 'sup-1');
    auditor = await booted.token('auditor', 'aud-1');
    officer = await booted.token('privacy_officer', 'dpo-1');
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
  const find = (identifiers: object) =>
    post('/v1/privacy/subjects/search', identifiers, officer).expect(200);

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 20_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  const recoveryPath = () =>
    `/v1/billing-incidents/${ids.incident}/affected-customers/${ids.recovery}`;

  it('files complaints, faults, billing accounts and a billing-incident recovery for Maria and others', async () => {
    await setClock('2026-05-04T10:00:00+02:00');
    const complaint = {
      operator: 'FASTWEB',
      channel: 'registered_letter',
      category: 'service_quality',
      receivedAt: '2026-05-04T09:00:00+02:00',
    };
    ids.complaint = (
      await post('/v1/complaints', {
        ...complaint,
        customer: { ...maria, lineId: MARIA_TEXT.complaintLine },
        description: MARIA_TEXT.complaintDescription,
      }).expect(201)
    ).body.complaintId;
    await post(`/v1/complaints/${ids.complaint}/notes`, { text: MARIA_TEXT.note }).expect(200);
    ids.lucaComplaint = (
      await post('/v1/complaints', {
        ...complaint,
        customer: luca,
        description: 'Il router di Luca fa rumore',
      }).expect(201)
    ).body.complaintId;
    const fault = {
      operator: 'FASTWEB',
      service: 'broadband',
      channel: 'phone',
      reportedAt: '2026-05-04T09:30:00+02:00',
    };
    ids.fault = (
      await post('/v1/faults', {
        ...fault,
        customer: { ...maria, phone: '333 1234567' },
        lineId: MARIA_TEXT.faultLine,
        description: MARIA_TEXT.faultDescription,
      }).expect(201)
    ).body.faultId;
    await post('/v1/faults', {
      ...fault,
      customer: luca,
      lineId: '0611112222',
      description: 'Il router di Luca fa rumore',
    }).expect(201);
    ids.account = (
      await post('/v1/billing-accounts', { operator: 'FASTWEB', customer: maria }).expect(201)
    ).body.accountId;
    ids.rossiAccount = (
      await post('/v1/billing-accounts', { operator: 'FASTWEB', customer: rossi }).expect(201)
    ).body.accountId;
    await post(`/v1/billing-accounts/${ids.rossiAccount}/invoices`, {
      number: 'F-2026-0001',
      issueDate: '2026-04-20',
      dueDate: '2026-05-20',
      amountCents: 8000,
    }).expect(201);

    ids.incident = (
      await post(
        '/v1/billing-incidents',
        {
          operator: 'WINDTRE',
          service: { name: 'Easy Pay', monthlyFeeCents: 999 },
          cause: 'Interruzione tecnica del sistema di fatturazione',
          periods: ['2026-04'],
        },
        supervisor,
      ).expect(201)
    ).body.incidentId;
    // Phone only: the recovery finds Maria by it.
    ids.recovery = (
      await post(
        `/v1/billing-incidents/${ids.incident}/affected-customers`,
        {
          customer: {
            customerType: 'residential',
            name: maria.name,
            phone: '+39 333 1234567',
            lineId: MARIA_TEXT.recoveryLine,
          },
        },
        supervisor,
      ).expect(201)
    ).body.recoveryId;

    // Operators read the complaint: an access to Maria's data.
    expect((await get(`/v1/complaints/${ids.complaint}`).expect(200)).body.customer.name).toBe(
      maria.name,
    );
  });

  it('PRV-1: only a privacy officer may use the privacy desk', async () => {
    for (const token of [operator, supervisor, auditor, admin]) {
      expectProblem(await post('/v1/privacy/subjects/search', { phone: maria.phone }, token), 403);
      expectProblem(await get('/v1/privacy/retention/review', token), 403);
    }
    expectProblem(await booted.http.post('/v1/privacy/subjects/search').send({}), 401);
  });

  it('issue 8: finds one subject for Maria by codice fiscale, phone (any spelling) or e-mail, across her four tickets', async () => {
    const byCf = (await find({ fiscalCode: maria.fiscalCode })).body.subjects;
    expect(byCf).toEqual([
      { subjectId: expect.any(String), matchedBy: ['fiscal_code'], status: 'active' },
    ]);
    ids.subject = byCf[0].subjectId;
    for (const identifiers of [
      { phone: '0039 333 123 4567' },
      { email: 'MARIA.ESPOSITO@example.it' },
      { fiscalCode: maria.fiscalCode, phone: '3331234567' },
    ])
      expect(
        (await find(identifiers)).body.subjects.map((s: { subjectId: string }) => s.subjectId),
      ).toEqual([ids.subject]);
    const byVat = (await find({ vatNumber: 'IT01234567890' })).body.subjects;
    expect(byVat).toHaveLength(1);
    ids.rossi = byVat[0].subjectId;
    expect(ids.rossi).not.toBe(ids.subject);
    expect((await find({ email: 'nobody@example.it' })).body.subjects).toEqual([]);
    expectProblem(await post('/v1/privacy/subjects/search', {}, officer), 400);

    const overview = await eventually(
      async () => (await get(`/v1/privacy/subjects/${ids.subject}`, officer).expect(200)).body,
      (body: { streams: { stream: string }[] }) => body.streams.length === 4,
      "Maria's four streams",
    );
    expect(overview.streams.map((s: { stream: string }) => s.stream).sort()).toEqual(
      [
        `billing-account-${ids.account}`,
        `billing-recovery-${ids.recovery}`,
        `complaint-${ids.complaint}`,
        `fault-${ids.fault}`,
      ].sort(),
    );
    // The identifiers travel in bodies only: nothing in the logs.
    for (const value of MARIA_VALUES) expect(booted.logs.text()).not.toContain(value);
  });

  it('PRV-9: the export holds every personal field filed for Maria, and nothing of the others', async () => {
    const requested = await post(
      `/v1/privacy/subjects/${ids.subject}/exports`,
      { channel: 'email', reference: 'Richiesta accesso Esposito' },
      officer,
    ).expect(201);
    expect(requested.body.dueOn).toBe('2026-06-04');
    const exported = await get(requested.body.json, officer).expect(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const doc = exported.body;
    const text = JSON.stringify(doc);
    for (const value of MARIA_VALUES) expect(text).toContain(value);
    for (const value of OTHERS_VALUES) expect(text).not.toContain(value);
    expect(doc).toMatchObject({
      format: 'sportello.subject-export',
      subjectId: ids.subject,
      status: 'active',
      erasure: null,
      controllers: expect.arrayContaining([
        expect.objectContaining({
          operator: 'FASTWEB',
          privacyContacts: expect.arrayContaining(['privacy@fastweb.it']),
        }),
      ]),
      purposes: expect.arrayContaining([
        expect.objectContaining({ operator: 'FASTWEB', ruleIds: ['PRV-3'] }),
      ]),
      retention: {
        ticketHistory: expect.arrayContaining([
          expect.objectContaining({ operator: 'FASTWEB', days: null }),
          expect.objectContaining({ operator: 'WINDTRE', days: null }),
        ]),
        legalHolds: expect.arrayContaining([expect.objectContaining({ holdId: 'open-complaint' })]),
      },
      identifiersIndexed: ['email', 'fiscal_code', 'phone'],
    });
    expect(doc.streams).toHaveLength(4);
    expect(doc.personalData.map((p: { category: string }) => p.category)).toEqual(
      expect.arrayContaining(['name', 'fiscalCode', 'phone', 'email', 'lineId', 'text']),
    );
    expect(doc.recipients.roles.map((r: { role: string }) => r.role)).toEqual(
      expect.arrayContaining(['operator', 'supervisor']),
    );
    expect(doc.accessLog).toContainEqual(
      expect.objectContaining({
        actorId: 'op-1',
        role: 'operator',
        method: 'GET',
        route: '/v1/complaints/:id',
      }),
    );
    expect(doc.readModels.map((m: { table: string }) => m.table)).toEqual(
      expect.arrayContaining(['complaints', 'faults', 'billing_accounts', 'billing_recoveries']),
    );

    const pdf = await get(requested.body.pdf, officer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const shown = pdfText(bytes);
    for (const value of [maria.name, maria.fiscalCode, maria.email, MARIA_TEXT.faultLine])
      expect(shown).toContain(value);
    for (const value of OTHERS_VALUES) expect(shown).not.toContain(value);

    // The request and both deliveries are events on the subject's stream.
    const overview = (await get(`/v1/privacy/subjects/${ids.subject}`, officer).expect(200)).body;
    expect(overview.exports[0].deliveries.map((d: { format: string }) => d.format)).toEqual([
      'json',
      'pdf',
    ]);
  });

  it('PRV-10: an erasure is registered, then refused while legal holds apply, with their reasons', async () => {
    const requested = await post(
      `/v1/privacy/subjects/${ids.subject}/erasure-requests`,
      { channel: 'email', receivedAt: '2026-05-04T09:00:00+02:00' },
      officer,
    ).expect(201);
    expect(requested.body.dueOn).toBe('2026-06-04');
    expect(requested.body.legalHolds.map((h: { holdId: string }) => h.holdId).sort()).toEqual([
      'open-complaint',
      'open-fault',
      'unsettled-billing-recovery',
    ]);
    const refused = await post(
      `/v1/privacy/subjects/${ids.subject}/erasure-requests/${requested.body.id}/execution`,
      {},
      officer,
    );
    const problem = expectProblem(refused, 409, 'conflicting-state') as unknown as Holds & {
      ruleId: string;
      detail: string;
    };
    expect(problem.ruleId).toBe('PRV-10');
    expect(problem.detail).toContain('A complaint not yet closed is a dispute in progress');
    expect(problem.holds).toContainEqual(
      expect.objectContaining({
        holdId: 'open-complaint',
        reason: expect.stringContaining('dispute'),
        streams: [`complaint-${ids.complaint}`],
      }),
    );
    for (const value of MARIA_VALUES) expect(refused.text).not.toContain(value);
    // Still readable: nothing was erased.
    expect((await get(`/v1/complaints/${ids.complaint}`).expect(200)).body.customer.name).toBe(
      maria.name,
    );
    (ids as Record<string, string>).request = requested.body.id;

    // Unpaid invoices hold the business customer; invoices are kept while no period is set.
    const rossiRequest = await post(
      `/v1/privacy/subjects/${ids.rossi}/erasure-requests`,
      { channel: 'registered_letter' },
      officer,
    ).expect(201);
    const rossiRefused = expectProblem(
      await post(
        `/v1/privacy/subjects/${ids.rossi}/erasure-requests/${rossiRequest.body.id}/execution`,
        {},
        officer,
      ),
      409,
    ) as unknown as Holds;
    expect(rossiRefused.holds.map((h) => h.holdId)).toEqual([
      'unpaid-or-disputed-invoices',
      'accounting-records',
    ]);
    expect(rossiRefused.holds[1].reason).toContain('an administrator must set it');
  });

  it('closing the tickets lifts the holds', async () => {
    await setClock('2026-05-04T12:00:00+02:00');
    await post(`/v1/complaints/${ids.complaint}/answer`, {
      outcome: 'upheld',
      answeredAt: '2026-05-04T11:00:00+02:00',
      measures: ['Sostituito il modem'],
    }).expect(200);
    await post(`/v1/complaints/${ids.complaint}/closure`, {}).expect(200);
    await post(`/v1/faults/${ids.fault}/restoration`, {
      restoredAt: '2026-05-04T11:30:00+02:00',
    }).expect(200);
    await post(`/v1/faults/${ids.fault}/closure`, { outcome: 'repaired' }).expect(200);

    type Planned = { plan: { charges: { chargeId: string; dueOn: string }[] } | null };
    const planned = await eventually(
      async () => (await get(recoveryPath()).expect(200)).body as Planned,
      (r) => r.plan !== null,
      'the recovery plan',
    );
    const charges = planned.plan!.charges;
    await setClock(`${charges[charges.length - 1].dueOn}T12:00:00+02:00`);
    for (const charge of charges)
      await post(
        `${recoveryPath()}/billed-charges`,
        { chargeId: charge.chargeId, invoiceNumber: `WT-${charge.dueOn}`, billedOn: charge.dueOn },
        supervisor,
      ).expect(200);
    expect((await get(recoveryPath()).expect(200)).body.status).toBe('settled');
    expect(
      (await get(`/v1/privacy/subjects/${ids.subject}/legal-holds`, officer).expect(200)).body,
    ).toEqual({ holds: [] });
  });

  it('PRV-13: the erasure destroys the key at once for every process and records what, by whom, under which request', async () => {
    const request = (ids as Record<string, string>).request;
    // A second API process that has just opened Maria's data (its key is in its cache).
    const other = await bootApp({
      kind: 'api',
      schema: booted.schema,
      redisPrefix: booted.redisPrefix,
      clock: booted.clock,
    });
    try {
      const otherToken = await other.token('operator', 'op-2');
      const read = () =>
        other.http
          .get(`/v1/complaints/${ids.complaint}`)
          .set('Authorization', `Bearer ${otherToken}`);
      expect((await read().expect(200)).body.customer.name).toBe(maria.name);

      const executed = await post(
        `/v1/privacy/subjects/${ids.subject}/erasure-requests/${request}/execution`,
        {},
        officer,
      ).expect(200);
      expect(executed.body).toMatchObject({
        status: 'erased',
        requestId: request,
        subjectId: ids.subject,
        erasedBy: 'dpo-1',
        trigger: 'request',
        erased: {
          keyDestroyed: true,
          blindIndexes: 3,
          readModels: ['subject_identifiers'],
          streams: expect.arrayContaining([
            expect.objectContaining({ stream: `complaint-${ids.complaint}`, kind: 'complaint' }),
          ]),
        },
        notes: expect.arrayContaining([expect.stringContaining('billing-account')]),
      });
      expect(executed.body.erased.personalFields).toBeGreaterThanOrEqual(MARIA_VALUES.length);

      // At once, in the other process too.
      const after = (await read().expect(200)).body;
      expect(after.customer).toMatchObject({
        subjectId: ids.subject,
        name: '[erased]',
        fiscalCode: '[erased]',
        phone: '[erased]',
        email: '[erased]',
      });
      expect(after.description).toBe('[erased]');
      expect(after.status).toBe('closed');
    } finally {
      await other.close();
    }
  });

  it('PRV-13, AS-37: afterwards every API, export and read model shows the data as erased', async () => {
    const detail = (await get(`/v1/complaints/${ids.complaint}`, auditor).expect(200)).body;
    expect(JSON.stringify(detail)).not.toMatch(/Esposito|SPSMRA|3331234567|example\.it/);
    const fault = (await get(`/v1/faults/${ids.fault}`).expect(200)).body;
    expect(fault.customer.name).toBe('[erased]');
    const recovery = (await get(recoveryPath()).expect(200)).body;
    expect(recovery.customer.name).toBe('[erased]');

    expect((await find({ fiscalCode: maria.fiscalCode })).body.subjects).toEqual([]);
    expect((await find({ phone: maria.phone })).body.subjects).toEqual([]);

    const requested = await post(
      `/v1/privacy/subjects/${ids.subject}/exports`,
      { channel: 'registered_letter', reference: 'ignored after erasure' },
      officer,
    ).expect(201);
    const doc = (await get(requested.body.json, officer).expect(200)).body;
    expect(doc).toMatchObject({
      status: 'erased',
      erasure: { requestId: (ids as Record<string, string>).request, erasedBy: 'dpo-1' },
      identifiersIndexed: [],
    });
    expect(doc.streams).toHaveLength(4);
    expect(doc.personalData.length).toBeGreaterThan(0);
    for (const field of doc.personalData) expect(field.value).toBe('[erased]');
    const text = JSON.stringify(doc);
    for (const value of [...MARIA_VALUES, ...OTHERS_VALUES]) expect(text).not.toContain(value);
    const pdf = await get(requested.body.pdf, officer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const shown = pdfText(pdf.body as Buffer);
    expect(shown).toContain('ERASED');
    for (const value of MARIA_VALUES) expect(shown).not.toContain(value);

    expectProblem(
      await post(
        `/v1/privacy/subjects/${ids.subject}/rectifications`,
        { field: 'phone', value: '+39 333 0000000' },
        officer,
      ),
      409,
    );
    // The same person filing again is a new subject.
    await setClock('2026-08-01T12:00:00+02:00');
    await post('/v1/complaints', {
      operator: 'FASTWEB',
      channel: 'email',
      category: 'other',
      receivedAt: '2026-08-01T09:00:00+02:00',
      customer: {
        customerType: 'residential',
        name: 'Nuova Cliente',
        fiscalCode: maria.fiscalCode,
      },
      description: 'Nuovo reclamo',
    }).expect(201);
    const again = (await find({ fiscalCode: maria.fiscalCode })).body.subjects;
    expect(again).toHaveLength(1);
    expect(again[0].subjectId).not.toBe(ids.subject);
  });

  it('PRV-13: no table, Redis key or log line holds any of her original values; the hash chains still verify', async () => {
    const tables = await dumpTables(booted.schema);
    expect(tables.size).toBeGreaterThan(10);
    for (const [table, rows] of tables)
      for (const value of MARIA_VALUES) {
        if (rows.includes(value)) throw new Error(`${table} still holds a personal value in clear`);
      }
    // The scan can see: the other subjects' data are sealed too, but their ids are in clear.
    expect(tables.get('complaints')).toContain(ids.subject);

    const redis = await dumpRedis(booted.redisPrefix);
    expect(redis.length).toBeGreaterThan(0);
    for (const value of MARIA_VALUES) expect(redis).not.toContain(value);

    const logs = booted.logs.text();
    expect(logs).toContain('request completed');
    for (const value of MARIA_VALUES) expect(logs).not.toContain(value);

    const report = await verifyAll(booted.app.get<EventStorage>(EVENT_STORAGE));
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.eventsChecked).toBeGreaterThan(20);
  });
});
