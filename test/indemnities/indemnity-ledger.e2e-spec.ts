import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(180_000);

type CustomerType = 'residential' | 'business';

interface Line {
  lineId: string;
  ticket: { kind: string; id: string; reference: string; stream: string };
  indemnityType: string;
  party: string | null;
  operator: string;
  customerType: string;
  subjectId: string | null;
  status: string;
  asOf: string;
  dueAt: string | null;
  fulfilledAt: string | null;
  days: number;
  daysPaid: number;
  rate: { dailyCents: number; capDays: number | null; capCents: number | null } | null;
  contractualCents: number;
  regulatoryCents: number | null;
  regulatoryRole: string | null;
  creditBasis: string;
  amountCents: number;
  capReached: boolean;
  review: { rule: string; status: string; supplementCents: number | null } | null;
  payout: { awaits: string; onFirstInvoiceIssuedAfter: string | null } | null;
  credit: { invoiceNumber: string; invoiceIssuedOn: string; amountCents: number } | null;
  assessment: {
    inputs: Record<string, unknown>;
    terms: Record<string, unknown>;
    recomputes: boolean;
  } | null;
  rules: string[];
}

let seq = 0;
/** A distinct customer per ticket, so the per-customer view isolates it. */
const customerOf = (customerType: CustomerType, vat = false) => {
  seq += 1;
  const n = String(seq).padStart(3, '0');
  return customerType === 'residential'
    ? { customerType, name: `Cliente ${n}`, email: `cliente.${n}.${Date.now()}@example.it` }
    : {
        customerType,
        name: `Impresa ${n} srl`,
        ...(vat ? { vatNumber: `0123456${n}0`.slice(0, 11) } : {}),
        email: `impresa.${n}.${Date.now()}@example.it`,
      };
};

/**
 * RULES §7 indemnity figures as the ledger shows them (IND-12), over HTTP on PostgreSQL and
 * Redis on a test clock: accrual against the clock, assessment from the log, crediting on an
 * invoice, reviews (AMB-7, AMB-11), totals, CSV and role refusals.
 */
describe('the indemnity ledger over HTTP (/v1/indemnities)', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;
  let auditor: string;
  let admin: string;
  let privacy: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-7');
    supervisor = await booted.token('supervisor', 'sup-1');
    auditor = await booted.token('auditor', 'aud-1');
    admin = await booted.token('admin', 'admin-1');
    privacy = await booted.token('privacy_officer', 'dpo-1');
  });

  afterAll(async () => {
    if (process.env.DEBUG_LOGS)
      console.warn(booted.logs.lines.filter((l) => /"level":(40|50)/.test(l)).join('\n'));
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = supervisor) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);
  const after = (instant: string, minutes = 1) =>
    new Date(Date.parse(instant) + minutes * 60_000).toISOString();

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    let last: T | undefined;
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      last = await read();
      if (done(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(last)}`);
  }

  const linesOf = async (ticketId: string): Promise<Line[]> =>
    (await get(`/v1/indemnities?ticketId=${ticketId}`).expect(200)).body.items;
  /** The ticket's single ledger line once `done` holds. */
  const lineOf = async (ticketId: string, done: (l: Line) => boolean, what: string) =>
    (
      await eventually(
        () => linesOf(ticketId),
        (lines) => lines.length === 1 && done(lines[0]),
        `${what} (${ticketId})`,
      )
    )[0];

  // — faults —
  async function reportFault(
    op: string,
    reportedAt: string,
    customerType: CustomerType = 'residential',
  ) {
    await setClock(after(reportedAt));
    const response = await post('/v1/faults', {
      operator: op,
      customer: customerOf(customerType),
      lineId: '0212345678',
      service: 'broadband',
      channel: 'phone',
      description: 'Nessuna connessione',
      reportedAt,
    });
    expect(response.status).toBe(201);
    return response.body.faultId as string;
  }
  async function restoreAndClose(faultId: string, restoredAt: string) {
    await setClock(after(restoredAt));
    await post(`/v1/faults/${faultId}/restoration`, { restoredAt }).expect(200);
    await post(`/v1/faults/${faultId}/closure`, { outcome: 'repaired' }).expect(200);
  }

  it('AS-01, AS-02 (IND-1, CAL-7): accruing against the clock while late, then assessed at €20.00 / €40.00 with every input, then credited on an invoice (IND-11)', async () => {
    const residential = await reportFault('FASTWEB', '2026-03-02T09:00:00+01:00');
    const business = await reportFault('FASTWEB', '2026-03-02T09:00:00+01:00', 'business');

    // The timer records the miss; the line accrues with the clock, never decreasing.
    await setClock('2026-03-05T09:00:05+01:00');
    const accruing = await lineOf(residential, (l) => l.status === 'accruing', 'an accruing line');
    expect(accruing).toMatchObject({
      indemnityType: 'REPAIR_DELAY',
      operator: 'FASTWEB',
      customerType: 'residential',
      dueAt: '2026-03-05T08:00:00.000Z',
      days: 1,
      amountCents: 500,
      rate: { dailyCents: 500, capDays: 10 },
      assessment: null,
    });
    const seen: number[] = [];
    for (const at of [
      '2026-03-06T09:30:00+01:00',
      '2026-03-07T08:00:00+01:00',
      '2026-03-07T10:00:00+01:00',
    ]) {
      await setClock(at);
      seen.push((await linesOf(residential))[0].amountCents);
    }
    // 25.5 h, 47 h and 49 h late: every started 24 h counts (CAL-7).
    expect(seen).toEqual([1000, 1000, 1500]);
    expect(
      (await lineOf(business, (l) => l.status === 'accruing', 'business accruing')).amountCents,
    ).toBe(3000);

    await restoreAndClose(residential, '2026-03-08T10:00:00+01:00');
    await restoreAndClose(business, '2026-03-08T10:00:00+01:00');
    for (const [id, cents, daily] of [
      [residential, 2000, 500],
      [business, 4000, 1000],
    ] as const) {
      const line = await lineOf(id, (l) => l.assessment !== null, 'the assessed line');
      expect(line).toMatchObject({
        status: 'assessed',
        days: 4,
        amountCents: cents,
        contractualCents: cents,
        fulfilledAt: '2026-03-08T09:00:00.000Z',
        assessment: {
          recomputes: true,
          inputs: {
            dueAt: '2026-03-05T08:00:00.000Z',
            fulfilledAt: '2026-03-08T09:00:00.000Z',
            pauses: [],
            fulfilment: 'restored',
          },
          terms: {
            count: { basis: 'STARTED_24_HOUR_PERIODS' },
            rate: { dailyCents: daily, capDays: 10, clause: 'FW-CDS §5.3' },
          },
        },
        payout: { awaits: 'nothing', onFirstInvoiceIssuedAfter: '2026-03-08' },
      });
    }
    // The fault's ETag did not move with the ledger's event (annotation).
    const fault = await get(`/v1/faults/${residential}`, operator).expect(200);
    expect(fault.body.timeline.map((e: { type: string }) => e.type)).toContain('IndemnityAssessed');
    expect(fault.headers.etag).toBe(
      `"${fault.body.timeline.filter((e: { type: string }) => e.type !== 'IndemnityAssessed').at(-1).revision}"`,
    );

    // IND-11: on an invoice issued after the assessment, by a supervisor.
    const [line] = await linesOf(residential);
    expectProblem(
      await post(
        `/v1/indemnities/${line.lineId}/credit`,
        { invoiceNumber: 'FW-1', invoiceIssuedOn: '2026-03-08' },
        supervisor,
      ),
      422,
    );
    await setClock('2026-03-20T10:00:00+01:00');
    const credited = await post(
      `/v1/indemnities/${line.lineId}/credit`,
      { invoiceNumber: 'FW-2026-000142', invoiceIssuedOn: '2026-03-20' },
      supervisor,
    ).expect(200);
    expect(credited.body.events).toEqual(['IndemnityCredited']);
    const done = await lineOf(residential, (l) => l.status === 'credited', 'the credited line');
    expect(done.credit).toMatchObject({
      invoiceNumber: 'FW-2026-000142',
      invoiceIssuedOn: '2026-03-20',
      amountCents: 2000,
    });
    // Crediting again on the same invoice changes nothing; on another one is a conflict.
    expect(
      (
        await post(
          `/v1/indemnities/${line.lineId}/credit`,
          { invoiceNumber: 'FW-2026-000142', invoiceIssuedOn: '2026-03-20' },
          supervisor,
        ).expect(200)
      ).body.events,
    ).toEqual([]);
    expectProblem(
      await post(
        `/v1/indemnities/${line.lineId}/credit`,
        { invoiceNumber: 'FW-2026-000999', invoiceIssuedOn: '2026-03-20' },
        supervisor,
      ),
      409,
    );
    const detail = (await get(`/v1/indemnities/${line.lineId}`, auditor).expect(200)).body;
    expect(detail.history.map((e: { type: string }) => e.type)).toEqual([
      'RepairDeadlineMissed',
      'IndemnityAssessed',
      'IndemnityCredited',
    ]);
  });

  it('AS-04 (IND-2, AMB-11): capped at 10 days (€50.00 / €100.00), under review until a supervisor grants a supplement, then credited with it', async () => {
    const residential = await reportFault('FASTWEB', '2026-01-07T08:00:00+01:00');
    const business = await reportFault('FASTWEB', '2026-01-07T08:00:00+01:00', 'business');
    await setClock('2026-01-22T12:00:00+01:00');
    // Past the cap while still unrepaired: the figure can no longer grow.
    const capped = await lineOf(residential, (l) => l.days >= 10, 'the capped accruing line');
    expect(capped).toMatchObject({ status: 'assessed', capReached: true, amountCents: 5000 });

    await restoreAndClose(residential, '2026-01-25T12:00:00+01:00');
    await restoreAndClose(business, '2026-01-25T12:00:00+01:00');
    const [r, b] = [
      await lineOf(residential, (l) => l.assessment !== null, 'residential assessed'),
      await lineOf(business, (l) => l.assessment !== null, 'business assessed'),
    ];
    expect(r).toMatchObject({
      status: 'under_review',
      days: 16,
      daysPaid: 10,
      amountCents: 5000,
      review: { rule: 'AMB-11', status: 'pending' },
    });
    expect(b).toMatchObject({ status: 'under_review', amountCents: 10000 });
    await setClock('2026-02-10T10:00:00+01:00');
    const refused = expectProblem(
      await post(
        `/v1/indemnities/${r.lineId}/credit`,
        { invoiceNumber: 'FW-7', invoiceIssuedOn: '2026-02-01' },
        supervisor,
      ),
      409,
    );
    expect(refused).toMatchObject({ ruleId: 'AMB-11' });
    expectProblem(
      await post(
        `/v1/indemnities/${r.lineId}/review`,
        { decision: 'granted', reason: 'x', supplementCents: 1 },
        operator,
      ),
      403,
      'forbidden',
    );
    await post(
      `/v1/indemnities/${r.lineId}/review`,
      { decision: 'granted', reason: 'Richiesta del cliente; CGC art. 9', supplementCents: 3000 },
      supervisor,
    ).expect(200);
    await post(
      `/v1/indemnities/${b.lineId}/review`,
      { decision: 'refused', reason: 'Nessun ulteriore danno', supplementCents: 0 },
      supervisor,
    ).expect(200);
    expect(
      await lineOf(residential, (l) => l.review?.status === 'granted', 'the granted supplement'),
    ).toMatchObject({ status: 'assessed', amountCents: 8000, review: { supplementCents: 3000 } });
    expect(
      await lineOf(business, (l) => l.review?.status === 'refused', 'the refused supplement'),
    ).toMatchObject({ status: 'assessed', amountCents: 10000 });
    await post(
      `/v1/indemnities/${r.lineId}/credit`,
      { invoiceNumber: 'FW-2026-000201', invoiceIssuedOn: '2026-02-01' },
      supervisor,
    ).expect(200);
    expect(
      (await lineOf(residential, (l) => l.status === 'credited', 'credited')).credit?.amountCents,
    ).toBe(8000);
  });

  it('AMB-7: a complex Fastweb fault is held for review; approved it can be credited, denied it owes nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await reportFault('FASTWEB', '2026-04-01T09:00:00+02:00');
      await post(
        `/v1/faults/${id}/complexity`,
        { complexity: 'COMPLEX', reasons: ['Cavo dorsale danneggiato'] },
        supervisor,
      ).expect(200);
      ids.push(id);
    }
    for (const id of ids) await restoreAndClose(id, '2026-04-06T10:00:00+02:00');
    const held = await Promise.all(
      ids.map((id) => lineOf(id, (l) => l.assessment !== null, 'held line')),
    );
    for (const l of held)
      expect(l).toMatchObject({
        status: 'under_review',
        amountCents: 1500,
        review: { rule: 'AMB-7', status: 'pending' },
      });
    await setClock('2026-04-20T10:00:00+02:00');
    await post(
      `/v1/indemnities/${held[0].lineId}/review`,
      { decision: 'approved', reason: 'Ritardo imputabile' },
      supervisor,
    ).expect(200);
    await post(
      `/v1/indemnities/${held[1].lineId}/review`,
      { decision: 'denied', reason: 'Lavori di terzi' },
      supervisor,
    ).expect(200);
    expect(await lineOf(ids[0], (l) => l.review?.status === 'approved', 'approved')).toMatchObject({
      status: 'assessed',
      amountCents: 1500,
    });
    expect(await lineOf(ids[1], (l) => l.review?.status === 'denied', 'denied')).toMatchObject({
      status: 'denied',
      amountCents: 0,
    });
    expectProblem(
      await post(
        `/v1/indemnities/${held[1].lineId}/credit`,
        { invoiceNumber: 'FW-9', invoiceIssuedOn: '2026-04-15' },
        supervisor,
      ),
      422,
    );
    // The fault shows the review as its own event.
    const fault = (await get(`/v1/faults/${ids[0]}`, operator).expect(200)).body;
    expect(fault.indemnity.review).toMatchObject({ decision: 'approved' });
  });

  it('AS-08, AS-11, AS-13 (IND-8, IND-9): PSA €10.00 for any customer type, €70.00 capped at €50.00, exceptional fault €10.00', async () => {
    const as08 = await reportFault('PSA', '2026-04-02T16:30:00+02:00');
    const as08b = await reportFault('PSA', '2026-04-02T16:30:00+02:00', 'business');
    await restoreAndClose(as08, '2026-04-10T11:00:00+02:00');
    await restoreAndClose(as08b, '2026-04-10T11:00:00+02:00');
    for (const id of [as08, as08b])
      expect(await lineOf(id, (l) => l.assessment !== null, 'AS-08')).toMatchObject({
        status: 'assessed',
        dueAt: '2026-04-08T21:59:59.999Z',
        days: 2,
        amountCents: 1000,
      });

    const as11 = await reportFault('PSA', '2026-06-01T10:00:00+02:00');
    await restoreAndClose(as11, '2026-06-20T10:00:00+02:00');
    expect(await lineOf(as11, (l) => l.assessment !== null, 'AS-11')).toMatchObject({
      days: 14,
      contractualCents: 5000,
      amountCents: 5000,
      capReached: true,
    });

    const as13 = await reportFault('PSA', '2026-11-06T10:00:00+01:00');
    await post(
      `/v1/faults/${as13}/complexity`,
      {
        complexity: 'EXCEPTIONAL_WIDESPREAD',
        reasons: ['Mareggiata'],
        forceMajeure: { from: '2026-11-05', endedOn: '2026-11-10', evidenceRef: 'PC-2026-118' },
      },
      supervisor,
    ).expect(200);
    await restoreAndClose(as13, '2026-11-18T10:00:00+01:00');
    expect(await lineOf(as13, (l) => l.assessment !== null, 'AS-13')).toMatchObject({
      indemnityType: 'EXCEPTIONAL_FAULT',
      days: 4,
      amountCents: 1000,
      assessment: {
        terms: { count: { basis: 'CALENDAR_DAYS_FROM_START', countedFrom: '2026-11-15' } },
      },
    });
  });

  // — complaints —
  async function fileComplaint(
    op: string,
    receivedAt: string,
    customerType: CustomerType = 'residential',
  ) {
    await setClock(after(receivedAt));
    const response = await post('/v1/complaints', {
      operator: op,
      customer: {
        ...customerOf(customerType, true),
        ...(customerType === 'residential' ? { fiscalCode: 'BNCLCU75C12L219K' } : {}),
      },
      channel: 'email',
      category: 'service_quality',
      description: 'Il servizio non funziona',
      receivedAt,
    });
    expect(response.status).toBe(201);
    return response.body.complaintId as string;
  }
  async function answer(id: string, answeredAt: string) {
    await setClock(after(answeredAt));
    await post(`/v1/complaints/${id}/answer`, {
      outcome: 'upheld',
      answeredAt,
      measures: ['Ripristinato il servizio'],
    }).expect(200);
  }

  it('AS-15, AS-16, AS-17 (IND-14, IND-8, CMP-12): €2.50 Fastweb for any customer type (EXT-IND-7), PSA €20.00, PSA 60 days capped at €50.00', async () => {
    const fw = await fileComplaint('FASTWEB', '2026-03-02T10:00:00+01:00');
    const fwBusiness = await fileComplaint('FASTWEB', '2026-03-02T10:00:00+01:00', 'business');
    const onTime = await fileComplaint('FASTWEB', '2026-03-02T10:00:00+01:00');
    await answer(onTime, '2026-04-16T18:00:00+02:00');
    for (const id of [fw, fwBusiness]) await answer(id, '2026-04-17T10:00:00+02:00');
    for (const id of [fw, fwBusiness])
      expect(await lineOf(id, (l) => l.assessment !== null, 'AS-15')).toMatchObject({
        indemnityType: 'COMPLAINT_DELAY',
        days: 1,
        amountCents: 250,
        rate: { dailyCents: 250, capCents: 30000 },
      });
    expect((await lineOf(fw, () => true, 'AS-15 rules')).rules).toEqual(
      expect.arrayContaining(['IND-14', 'EXT-IND-7', 'CMP-12', 'IND-12']),
    );
    expect(await linesOf(onTime)).toEqual([]);

    const as16 = await fileComplaint('PSA', '2026-09-01T10:00:00+02:00');
    await answer(as16, '2026-10-20T10:00:00+02:00');
    expect(await lineOf(as16, (l) => l.assessment !== null, 'AS-16')).toMatchObject({
      dueAt: '2026-10-16T21:59:59.999Z',
      days: 4,
      amountCents: 2000,
    });
    const as17 = await fileComplaint('PSA', '2026-01-15T10:00:00+01:00');
    await answer(as17, '2026-04-30T10:00:00+02:00');
    expect(await lineOf(as17, (l) => l.assessment !== null, 'AS-17')).toMatchObject({
      days: 60,
      contractualCents: 5000,
      amountCents: 5000,
    });
  });

  it('AS-20 (CMP-7, AMB-3): a notice in time leaves nothing owed; too late, 22 days → €50.00', async () => {
    const inTime = await fileComplaint('PSA', '2026-05-04T10:00:00+02:00');
    const late = await fileComplaint('PSA', '2026-05-04T10:00:00+02:00');
    await setClock('2026-06-10T12:00:00+02:00');
    await post(`/v1/complaints/${inTime}/complexity-notice`, {
      noticedAt: '2026-06-10T10:00:00+02:00',
      answerDate: '2026-07-15',
      progress: 'Verifiche in corso',
    }).expect(200);
    await answer(inTime, '2026-07-10T10:00:00+02:00');
    await answer(late, '2026-07-10T10:00:00+02:00');
    expect(await lineOf(late, (l) => l.assessment !== null, 'AS-20 late')).toMatchObject({
      days: 22,
      amountCents: 5000,
    });
    expect(await linesOf(inTime)).toEqual([]);
  });

  // — directory, activation, maintenance —
  it('AS-28 (IND-3, EXT-IND-6): flat €25.00 / €50.00 credited; the regulatory €200.00 / €800.00 shown as a reference', async () => {
    for (const [customerType, flat, reference] of [
      ['residential', 2500, 20000],
      ['business', 5000, 80000],
    ] as const) {
      await setClock('2026-02-20T10:05:00+01:00');
      const listing = { name: 'Rossi Mario', number: '011 1234567', address: 'Via Po 3, Torino' };
      const reported = await post('/v1/directory-errors', {
        operator: 'FASTWEB',
        customer: customerOf(customerType, true),
        lineId: '0111234567',
        medium: 'printed_directory',
        requested: { publish: true, basis: 'customer_request', listing },
        published: { ...listing, number: '011 7654321' },
        erroneousSince: '2025-03-01',
        discoveredOn: '2026-02-20',
        reportedAt: '2026-02-20T10:00:00+01:00',
        channel: 'phone',
      }).expect(201);
      const errorId = reported.body.errorId as string;
      await setClock('2026-03-01T09:00:00+01:00');
      await post(`/v1/directory-errors/${errorId}/correction`, {
        correctedOn: '2026-03-01',
      }).expect(200);
      await setClock('2026-03-05T09:00:00+01:00');
      await post(`/v1/directory-errors/${errorId}/attribution`, {
        attributable: true,
        reason: 'Back office',
      }).expect(200);
      expect(await lineOf(errorId, (l) => l.assessment !== null, 'AS-28')).toMatchObject({
        indemnityType: 'DIRECTORY_ERROR',
        status: 'assessed',
        amountCents: flat,
        contractualCents: flat,
        regulatoryCents: reference,
        regulatoryRole: 'reference',
        creditBasis: 'contract',
      });
    }
  });

  async function requestActivation(
    op: string,
    receivedAt: string,
    customerType: CustomerType,
    services = ['voice'],
  ) {
    await setClock(after(receivedAt, 120));
    const response = await post('/v1/activations', {
      operator: op,
      customer: customerOf(customerType, true),
      requestKind: 'activation',
      services,
      address: 'Via Garibaldi 7, 10122 Torino',
      channel: 'web_area',
      receivedAt,
    });
    expect(response.status).toBe(201);
    return response.body.activationId as string;
  }

  it('AS-29 (IND-1, EXT-IND-1, AMB-17): 8 days late — €40.00 contractual, €60.00 regulatory credited (business €80.00 / €120.00), on an invoice issued after 2026-04-13', async () => {
    const ids: [string, number, number][] = [];
    for (const [customerType, contract, regulator] of [
      ['residential', 4000, 6000],
      ['business', 8000, 12000],
    ] as const) {
      const id = await requestActivation('FASTWEB', '2026-01-05T10:00:00+01:00', customerType);
      await setClock('2026-01-20T12:00:00+01:00');
      await post(`/v1/activations/${id}/technical-check`, {
        outcome: 'positive',
        checkedAt: '2026-01-20T10:00:00+01:00',
      }).expect(200);
      ids.push([id, contract, regulator]);
    }
    await setClock('2026-02-22T10:00:00+01:00');
    expect(await lineOf(ids[0][0], (l) => l.status === 'accruing', 'AS-29 accruing')).toMatchObject(
      {
        days: 3,
        contractualCents: 1500,
        regulatoryCents: 2250,
        amountCents: 2250,
        regulatoryRole: 'floor',
      },
    );
    await setClock('2026-02-27T12:00:00+01:00');
    for (const [id] of ids)
      await post(`/v1/activations/${id}/activation`, {
        activatedAt: '2026-02-27T10:00:00+01:00',
      }).expect(200);
    for (const [id, contract, regulator] of ids)
      expect(await lineOf(id, (l) => l.assessment !== null, 'AS-29')).toMatchObject({
        status: 'assessed',
        days: 8,
        contractualCents: contract,
        regulatoryCents: regulator,
        amountCents: regulator,
        creditBasis: 'regulator',
        payout: { awaits: 'nothing', onFirstInvoiceIssuedAfter: '2026-04-13' },
      });
    const [line] = await linesOf(ids[0][0]);
    await setClock('2026-04-20T10:00:00+02:00');
    const early = expectProblem(
      await post(
        `/v1/indemnities/${line.lineId}/credit`,
        { invoiceNumber: 'FW-2026-0413', invoiceIssuedOn: '2026-04-13' },
        supervisor,
      ),
      422,
    );
    expect(early).toMatchObject({ ruleId: 'EXT-IND-1' });
    await post(
      `/v1/indemnities/${line.lineId}/credit`,
      { invoiceNumber: 'FW-2026-0414', invoiceIssuedOn: '2026-04-14' },
      supervisor,
    ).expect(200);
    expect(
      (await lineOf(ids[0][0], (l) => l.status === 'credited', 'AS-29 credited')).credit
        ?.amountCents,
    ).toBe(6000);
  });

  it('AS-30 (IND-5, AMB-17): PSA informed in time owes nothing; not informed, 16 days — €32.00 capped at €30.00, €120.00 regulatory credited', async () => {
    const informed = await requestActivation('PSA', '2026-02-02T10:00:00+01:00', 'residential', [
      'voice',
      'broadband',
    ]);
    const uninformed = await requestActivation('PSA', '2026-02-02T10:00:00+01:00', 'residential', [
      'voice',
      'broadband',
    ]);
    await setClock('2026-02-20T12:00:00+01:00');
    await post(`/v1/activations/${informed}/delay-notices`, {
      informedAt: '2026-02-20T10:00:00+01:00',
      channel: 'email',
      reason: 'Attesa permessi di scavo',
      newActivationDate: '2026-03-20',
      agreedWithCustomer: true,
    }).expect(200);
    await setClock('2026-03-20T12:00:00+01:00');
    for (const id of [informed, uninformed])
      await post(`/v1/activations/${id}/activation`, {
        activatedAt: '2026-03-20T10:00:00+01:00',
      }).expect(200);
    expect(await lineOf(uninformed, (l) => l.assessment !== null, 'AS-30')).toMatchObject({
      days: 16,
      contractualCents: 3000,
      regulatoryCents: 12000,
      amountCents: 12000,
    });
    expect(await linesOf(informed)).toEqual([]);
  });

  it('AS-31 (MNT-3, AMB-10): 16 h notice, one day touched — FASTWEB €5.00 / €10.00 per line, PSA €5.00; one line per affected customer', async () => {
    const declared: Record<string, string> = {};
    await setClock('2026-05-10T09:05:00+02:00');
    for (const op of ['FASTWEB', 'PSA']) {
      const response = await post('/v1/maintenance-windows', {
        operator: op,
        area: 'Torino nord',
        lines: [
          { lineId: `01155${op.length}0001`, customerType: 'residential' },
          { lineId: `01155${op.length}0002`, customerType: 'business' },
        ],
        plannedStart: '2026-05-11T01:00:00+02:00',
        plannedEnd: '2026-05-11T05:00:00+02:00',
        description: 'Sostituzione apparati OLT',
        notice: {
          publishedAt: '2026-05-10T09:00:00+02:00',
          channel: op === 'FASTWEB' ? 'web_area' : 'sms',
        },
      }).expect(201);
      declared[op] = response.body.windowId;
    }
    await setClock('2026-05-11T01:05:00+02:00');
    for (const id of Object.values(declared))
      await post(`/v1/maintenance-windows/${id}/start`, {
        startedAt: '2026-05-11T01:00:00+02:00',
      }).expect(200);
    await setClock('2026-05-11T05:05:00+02:00');
    for (const id of Object.values(declared))
      await post(`/v1/maintenance-windows/${id}/end`, {
        endedAt: '2026-05-11T05:00:00+02:00',
      }).expect(200);
    for (const [op, cents] of [
      ['FASTWEB', [500, 1000]],
      ['PSA', [500, 500]],
    ] as const) {
      const lines = await eventually(
        () => linesOf(declared[op]),
        (l) => l.length === 2 && l.every((x) => x.assessment !== null),
        `AS-31 ${op}`,
      );
      expect(
        lines.map((l) => [l.party, l.customerType, l.days, l.amountCents, l.indemnityType]).sort(),
      ).toEqual([
        ['line-0', 'residential', 1, cents[0], 'MAINTENANCE_NOTICE'],
        ['line-1', 'business', 1, cents[1], 'MAINTENANCE_NOTICE'],
      ]);
      expect(lines.every((l) => l.subjectId)).toBe(true);
    }
  });

  it('per customer, per operator and period, totals; CSV export escapes formula cells (=, +, -, @)', async () => {
    const id = await reportFault('PSA', '2026-07-01T10:00:00+02:00');
    await restoreAndClose(id, '2026-07-10T10:00:00+02:00');
    const [line] = [await lineOf(id, (l) => l.assessment !== null, 'the CSV line')];
    const perCustomer = (await get(`/v1/indemnities?subjectId=${line.subjectId}`).expect(200)).body;
    expect(perCustomer.items.map((l: Line) => l.lineId)).toEqual([line.lineId]);

    await setClock('2026-07-20T10:00:00+02:00');
    await post(
      `/v1/indemnities/${line.lineId}/credit`,
      { invoiceNumber: '=HYPERLINK("http://evil.example","x")', invoiceIssuedOn: '2026-07-15' },
      supervisor,
    ).expect(200);
    await lineOf(id, (l) => l.status === 'credited', 'the credited CSV line');

    const totals = (
      await get('/v1/indemnities/totals?operator=PSA&from=2026-07-01&to=2026-07-31').expect(200)
    ).body;
    expect(totals).toMatchObject({
      currency: 'EUR',
      filter: { operator: 'PSA', from: '2026-07-01', to: '2026-07-31' },
      lines: 1,
      creditedCents: 2000,
      byType: { REPAIR_DELAY: { lines: 1, creditedCents: 2000 } },
    });
    const all = (await get('/v1/indemnities/totals').expect(200)).body;
    expect(all.lines).toBeGreaterThan(10);
    expect(all.creditedCents).toBeGreaterThanOrEqual(2000 + 8000 + 6000 + 2000);

    const csv = await get(`/v1/indemnities/export.csv?ticketId=${id}`, auditor).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text.trim().split('\n');
    expect(header.split(',').slice(0, 4)).toEqual([
      'line_id',
      'ticket_kind',
      'ticket_id',
      'ticket_reference',
    ]);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(row).not.toMatch(/,=HYPERLINK/);
    expect(row).toContain(',credited,');
  });

  it('roles: supervisors and auditors read, only supervisors write; operators and privacy officers are refused; no token is 401', async () => {
    const [line] = (await get('/v1/indemnities?limit=1').expect(200)).body.items as Line[];
    expectProblem(await get('/v1/indemnities', operator), 403, 'forbidden');
    expectProblem(await get('/v1/indemnities/totals', privacy), 403, 'forbidden');
    expectProblem(await get('/v1/indemnities/export.csv', operator), 403, 'forbidden');
    expectProblem(await booted.http.get('/v1/indemnities'), 401);
    await get(`/v1/indemnities/${line.lineId}`, auditor).expect(200);
    for (const token of [operator, auditor, privacy])
      expectProblem(
        await post(
          `/v1/indemnities/${line.lineId}/credit`,
          { invoiceNumber: 'X-1', invoiceIssuedOn: '2026-01-01' },
          token,
        ),
        403,
        'forbidden',
      );
    expectProblem(await get('/v1/indemnities/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await get('/v1/indemnities?status=paid'), 400);
    expectProblem(await get('/v1/indemnities?from=2026-13-01'), 400);
  });
});
