import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

const customer = {
  customerType: 'residential',
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  email: 'maria.esposito@example.it',
};

type Timeline = { type: string; data: Record<string, unknown> }[];

describe('RULES §7 billing scenarios over HTTP (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let operator: string;
  let auditor: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-1');
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

  async function openAccount(operatorCode: string): Promise<string> {
    const opened = await post('/v1/billing-accounts', {
      operator: operatorCode,
      customer,
    }).expect(201);
    return opened.body.accountId as string;
  }

  const issue = (
    accountId: string,
    number: string,
    issueDate: string,
    dueDate: string,
    amountCents: number,
  ) =>
    post(`/v1/billing-accounts/${accountId}/invoices`, {
      number,
      issueDate,
      dueDate,
      amountCents,
    }).expect(201);

  const pay = (accountId: string, invoiceNumber: string, paidOn: string, amountCents: number) =>
    post(`/v1/billing-accounts/${accountId}/payments`, {
      invoiceNumber,
      paidOn,
      amountCents,
    }).expect(201);

  const account = async (accountId: string) =>
    (await get(`/v1/billing-accounts/${accountId}`).expect(200)).body;

  const invoiceOf = async (accountId: string, number: string) =>
    ((await account(accountId)).invoices as { number: string }[]).find(
      (i) => i.number === number,
    ) as unknown as Record<string, unknown> & {
      disputes: Record<string, unknown>[];
      nonPayment: {
        noticeDue: unknown;
        withheld: Record<string, unknown>[];
        suspension: Record<string, unknown>;
      };
    };

  const timeline = async (accountId: string) => (await account(accountId)).timeline as Timeline;

  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  function billingComplaint(
    operatorCode: string,
    receivedAt: string,
    invoice: Record<string, unknown>,
  ) {
    return post('/v1/complaints', {
      operator: operatorCode,
      customer,
      channel: 'email',
      receivedAt,
      category: 'billing',
      description: 'Importo non dovuto in fattura',
      invoice,
    }).expect(201);
  }

  /** AS-22: a PSA account whose earlier invoices were paid on time, twice only. */
  async function psaAccountWithTwoRegularPayments(prefix: string): Promise<string> {
    await setClock('2026-04-01T10:00:00+02:00');
    const id = await openAccount('PSA');
    await issue(id, `${prefix}-04`, '2026-04-01', '2026-04-16', 5_000);
    await pay(id, `${prefix}-04`, '2026-04-01', 5_000);
    await setClock('2026-05-01T10:00:00+02:00');
    await issue(id, `${prefix}-05`, '2026-05-01', '2026-05-16', 5_000);
    await pay(id, `${prefix}-05`, '2026-05-01', 5_000);
    await setClock('2026-05-26T10:00:00+02:00');
    await issue(id, `${prefix}-06`, '2026-05-26', '2026-06-10', 10_000);
    return id;
  }

  it('AS-26 (BIL-4, AMB-23): Fastweb €120.00 due 2026-02-10 paid 2026-03-12 → 5.00% a year on days 16–30 → €0.25', async () => {
    await post(
      '/v1/billing-legal-interest-rates',
      {
        from: '2026-01-01',
        legalRateBasisPoints: 200,
        source: 'TEST VALUE (RULES AS-26), not the real 2026 legal rate',
      },
      admin,
    ).expect(200);
    await setClock('2026-01-20T10:00:00+01:00');
    const id = await openAccount('FASTWEB');
    await issue(id, 'FW-26-02', '2026-01-20', '2026-02-10', 12_000);

    await setClock('2026-03-12T10:00:00+01:00');
    const payment = await pay(id, 'FW-26-02', '2026-03-12', 12_000);
    expect(payment.body.events).toEqual(['PaymentRecorded', 'LateInterestAssessed']);
    const detail = await account(id);
    expect(detail.interest).toEqual([
      expect.objectContaining({
        invoiceNumber: 'FW-26-02',
        countedFrom: '2026-02-10',
        daysLate: 30,
        accrualFrom: '2026-02-26',
        accrualTo: '2026-03-12',
        accrualDays: 15,
        segments: [expect.objectContaining({ annualBasisPoints: 500, days: 15 })],
        amountCents: 25,
      }),
    ]);
  });

  it('AS-22 (BIL-7, BIL-9): PSA €100.00 due 2026-06-10 paid on day 15 → €2.00 charged on the next invoice', async () => {
    const id = await psaAccountWithTwoRegularPayments('AS22A');
    await setClock('2026-06-25T18:00:00+02:00');
    const payment = await pay(id, 'AS22A-06', '2026-06-25', 10_000);
    expect(payment.body.events).toEqual(['PaymentRecorded', 'LatePaymentPenaltyAssessed']);
    let detail = await account(id);
    expect(detail.penalties).toEqual([
      expect.objectContaining({
        invoiceNumber: 'AS22A-06',
        daysLate: 15,
        basis: expect.objectContaining({ kind: 'bracket', basisPoints: 200 }),
        amountCents: 200,
        chargedOnInvoice: null,
      }),
    ]);
    expect(detail.nextInvoice).toEqual({ penaltiesToChargeCents: 200, refundsToCreditCents: 0 });

    await setClock('2026-07-01T10:00:00+02:00');
    const next = await issue(id, 'AS22A-07', '2026-07-01', '2026-07-16', 10_000);
    expect(next.body.events).toEqual(['InvoiceIssued', 'LatePaymentPenaltyCharged']);
    detail = await account(id);
    expect(detail.penalties[0]).toMatchObject({ amountCents: 200, chargedOnInvoice: 'AS22A-07' });
    expect(detail.nextInvoice.penaltiesToChargeCents).toBe(0);
  });

  it('AS-22 (BIL-7): paid on day 16 (2026-06-26) → €5.00', async () => {
    const id = await psaAccountWithTwoRegularPayments('AS22B');
    await setClock('2026-06-26T09:00:00+02:00');
    await pay(id, 'AS22B-06', '2026-06-26', 10_000);
    expect((await account(id)).penalties).toEqual([
      expect.objectContaining({ daysLate: 16, amountCents: 500 }),
    ]);
  });

  it('AS-23 (BIL-8, AMB-25, CAL-10): after 3 regular payments, 14 days late → €0.00; 20 days late → €4.22', async () => {
    const run = async (prefix: string, paidOn: string) => {
      await setClock('2026-04-15T10:00:00+02:00');
      const id = await openAccount('PSA');
      const months: [string, string, string][] = [
        ['04', '2026-04-15', '2026-04-30'],
        ['05', '2026-05-16', '2026-05-31'],
        ['06', '2026-06-15', '2026-06-30'],
      ];
      for (const [month, issueDate, dueDate] of months) {
        await setClock(`${issueDate}T10:00:00+02:00`);
        await issue(id, `${prefix}-${month}`, issueDate, dueDate, 8_430);
        await setClock(`${dueDate}T10:00:00+02:00`);
        await pay(id, `${prefix}-${month}`, dueDate, 8_430);
      }
      await setClock('2026-07-16T10:00:00+02:00');
      await issue(id, `${prefix}-07`, '2026-07-16', '2026-07-31', 8_430);
      await setClock(`${paidOn}T10:00:00+02:00`);
      await pay(id, `${prefix}-07`, paidOn, 8_430);
      return (await account(id)).penalties as Record<string, unknown>[];
    };
    expect(await run('AS23A', '2026-08-14')).toEqual([
      expect.objectContaining({
        daysLate: 14,
        basis: { kind: 'grace', regularPayments: 3, maxDaysLate: 15 },
        amountCents: 0,
      }),
    ]);
    expect(await run('AS23B', '2026-08-20')).toEqual([
      expect.objectContaining({
        daysLate: 20,
        basis: expect.objectContaining({ kind: 'bracket', basisPoints: 500 }),
        amountCents: 422,
      }),
    ]);
  });

  describe('AS-24 (BIL-10, CMP-6, CMP-11): a PSA billing complaint filed through /v1/complaints', () => {
    async function disputedInvoice(number: string) {
      await setClock('2026-07-01T10:00:00+02:00');
      const id = await openAccount('PSA');
      await issue(id, number, '2026-07-01', '2026-07-16', 8_000);
      await setClock('2026-07-08T10:00:00+02:00');
      const complaint = await billingComplaint('PSA', '2026-07-08T09:00:00+02:00', {
        number,
        issueDate: '2026-07-01',
        dueDate: '2026-07-16',
        amountCents: 8_000,
        disputedCents: 8_000,
      });
      await eventually(
        async () => (await invoiceOf(id, number)).disputes.length === 1,
        'the dispute mirrored on the account',
      );
      expect((await invoiceOf(id, number)).disputes[0]).toMatchObject({
        complaintId: complaint.body.complaintId,
        filedOn: '2026-07-08',
        latePaymentSuspended: true,
        pending: true,
      });
      return { id, complaintId: complaint.body.complaintId as string };
    }

    const answer = (complaintId: string, body: object) =>
      post(`/v1/complaints/${complaintId}/answer`, body).expect(200);

    it('rejected: no penalty while pending; paid 2026-08-24 → 39 days from the original due date → €4.00 on the next invoice', async () => {
      const { id, complaintId } = await disputedInvoice('AS24-R');

      await setClock('2026-08-09T20:00:00+02:00');
      expect((await account(id)).penalties).toEqual([]);
      expect((await timeline(id)).map((e) => e.type)).not.toContain('LatePaymentPenaltyAssessed');

      await setClock('2026-08-10T12:00:00+02:00');
      await answer(complaintId, {
        outcome: 'rejected',
        answeredAt: '2026-08-10T10:00:00+02:00',
        answerDocument: { reference: 'LET-AS24', reasons: ['Traffico regolarmente effettuato'] },
        paymentDueOn: '2026-08-25',
      });
      await eventually(
        async () => (await invoiceOf(id, 'AS24-R')).disputes[0].outcome === 'rejected',
        'the rejection mirrored on the account',
      );
      expect((await invoiceOf(id, 'AS24-R')).disputes[0]).toMatchObject({
        pending: false,
        endedOn: '2026-08-10',
      });
      expect((await account(id)).penalties).toEqual([]);

      await setClock('2026-08-24T10:00:00+02:00');
      await pay(id, 'AS24-R', '2026-08-24', 8_000);
      expect((await account(id)).penalties).toEqual([
        expect.objectContaining({
          countedFrom: '2026-07-16',
          daysLate: 39,
          basis: expect.objectContaining({ basisPoints: 500 }),
          amountCents: 400,
          chargedOnInvoice: null,
        }),
      ]);

      await setClock('2026-09-01T10:00:00+02:00');
      const next = await issue(id, 'AS24-R2', '2026-09-01', '2026-09-16', 8_000);
      expect(next.body.events).toEqual(['InvoiceIssued', 'LatePaymentPenaltyCharged']);
      expect((await account(id)).penalties[0]).toMatchObject({
        amountCents: 400,
        chargedOnInvoice: 'AS24-R2',
      });
    });

    it('upheld: no penalty; the €30.00 already paid is refunded by offset on the next invoice', async () => {
      const { id, complaintId } = await disputedInvoice('AS24-U');
      await setClock('2026-07-10T10:00:00+02:00');
      await pay(id, 'AS24-U', '2026-07-10', 3_000);

      await setClock('2026-08-10T12:00:00+02:00');
      await answer(complaintId, {
        outcome: 'upheld',
        answeredAt: '2026-08-10T10:00:00+02:00',
        measures: ['Storno degli importi contestati'],
        refundCents: 3_000,
      });
      await eventually(
        async () => (await account(id)).nextInvoice.refundsToCreditCents === 3_000,
        'the refund mirrored on the account',
      );
      await eventually(
        async () => (await invoiceOf(id, 'AS24-U')).disputes[0].outcome === 'upheld',
        'the outcome mirrored on the account',
      );
      expect(await invoiceOf(id, 'AS24-U')).toMatchObject({
        paidCents: 3_000,
        waivedCents: 5_000,
        outstandingCents: 0,
        settled: true,
      });

      await setClock('2026-08-24T10:00:00+02:00');
      expect((await account(id)).penalties).toEqual([]);

      await setClock('2026-09-01T10:00:00+02:00');
      const next = await issue(id, 'AS24-U2', '2026-09-01', '2026-09-16', 8_000);
      expect(next.body.events).toEqual(['InvoiceIssued', 'RefundCredited']);
      const detail = await account(id);
      expect(detail.refunds).toEqual([
        expect.objectContaining({
          complaintId,
          invoiceNumber: 'AS24-U',
          amountCents: 3_000,
          creditedOnInvoice: 'AS24-U2',
        }),
      ]);
      expect(detail.penalties).toEqual([]);
    });
  });

  it('AS-25 (BIL-3, BIL-5, EXT-BIL-1): Fastweb €150.00 with €60.00 contested, €90.00 paid — no notice and no interest on the contested sum while pending', async () => {
    await setClock('2026-08-20T10:00:00+02:00');
    const id = await openAccount('FASTWEB');
    await issue(id, 'FW-25-09', '2026-08-20', '2026-09-10', 15_000);
    // The same account's other invoice, undisputed and unpaid: the timer does fire.
    await issue(id, 'FW-25-09B', '2026-08-20', '2026-09-10', 2_000);

    await setClock('2026-09-03T10:00:00+02:00');
    const complaint = await billingComplaint('FASTWEB', '2026-09-03T09:00:00+02:00', {
      number: 'FW-25-09',
      issueDate: '2026-08-20',
      dueDate: '2026-09-10',
      amountCents: 15_000,
      disputedCents: 6_000,
    });
    await eventually(
      async () => (await invoiceOf(id, 'FW-25-09')).disputes.length === 1,
      'the dispute mirrored on the account',
    );

    await setClock('2026-09-09T10:00:00+02:00');
    const payment = await pay(id, 'FW-25-09', '2026-09-09', 9_000);
    expect(payment.body.events).toEqual(['PaymentRecorded']);

    await setClock('2026-09-26T09:00:00+02:00');
    await eventually(
      async () => (await timeline(id)).some((e) => e.type === 'NonPaymentNoticeDue'),
      'the non-payment check',
    );
    const disputedInvoice = await invoiceOf(id, 'FW-25-09');
    expect(disputedInvoice).toMatchObject({
      outstandingCents: 6_000,
      disputedExcludedCents: 6_000,
      unpaidCents: 0,
    });
    expect(disputedInvoice.nonPayment.noticeDue).toBeNull();
    expect(disputedInvoice.nonPayment.suspension).toMatchObject({
      eligible: false,
      reason: 'only_disputed_unpaid',
      disputedExcludedCents: 6_000,
    });
    expect(disputedInvoice.nonPayment.withheld).toEqual([
      expect.objectContaining({ disputedExcludedCents: 6_000 }),
    ]);
    const undisputed = await invoiceOf(id, 'FW-25-09B');
    expect(undisputed.nonPayment.noticeDue).toMatchObject({ unpaidCents: 2_000 });
    expect(undisputed.nonPayment.suspension).toMatchObject({
      eligible: true,
      terminationAfterDays: 15,
      reactivationFeeCents: 2_400,
    });
    const events = await timeline(id);
    expect(events.filter((e) => e.type === 'NonPaymentNoticeDue')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ invoiceNumber: 'FW-25-09B' }) }),
    ]);
    expect(events.map((e) => e.type)).not.toContain('LateInterestAssessed');
    expect(
      (await get(`/v1/complaints/${complaint.body.complaintId}`).expect(200)).body.status,
    ).toBe('open');
  });

  it('refuses what the ledger cannot take, with problems that name the rule and the field', async () => {
    await setClock('2026-10-01T10:00:00+02:00');
    const id = await openAccount('PSA');
    const other = await openAccount('PSA');
    const first = await issue(id, 'ERR-1', '2026-10-01', '2026-10-16', 1_000);
    expect(first.headers.etag).toBe('"1"');

    const over = await post(`/v1/billing-accounts/${id}/payments`, {
      invoiceNumber: 'ERR-1',
      paidOn: '2026-10-01',
      amountCents: 1_001,
    });
    expect(expectProblem(over, 422, 'rule-violation')).toMatchObject({
      ruleId: 'CAL-10',
      field: 'amountCents',
    });
    expectProblem(
      await post(`/v1/billing-accounts/${other}/invoices`, {
        number: 'ERR-1',
        issueDate: '2026-10-01',
        dueDate: '2026-10-16',
        amountCents: 1_000,
      }),
      409,
    );
    expectProblem(
      await post(`/v1/billing-accounts/${id}/payments`, {
        invoiceNumber: 'ERR-1',
        paidOn: '2026-10-01',
        amountCents: 100,
      }).set('If-Match', '"0"'),
      412,
    );
    expectProblem(await post('/v1/billing-accounts', { operator: 'ACME', customer }), 422);
    expectProblem(
      await post(
        `/v1/billing-accounts/${id}/payments`,
        {
          invoiceNumber: 'ERR-1',
          paidOn: '2026-10-01',
          amountCents: 100,
        },
        auditor,
      ),
      403,
    );
    const read = await get(`/v1/billing-accounts/${id}`, auditor).expect(200);
    expect(read.body.customer.name).toBe('Maria Esposito');
    const found = await get('/v1/billing-accounts/by-invoice/PSA/ERR-1', auditor).expect(200);
    expect(found.body.accountId).toBe(id);
    await eventually(
      async () =>
        (await get('/v1/billing-accounts?invoiceNumber=ERR-1', auditor).expect(200)).body.items
          .length === 1,
      'the list row',
    );
    expect(booted.logs.text()).not.toContain('Maria Esposito');
  });
});
