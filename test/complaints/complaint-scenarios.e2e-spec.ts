import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

jest.setTimeout(60_000);

const customer = {
  customerType: 'residential',
  name: 'Luca Bianchi',
  fiscalCode: 'BNCLCU75C12L219K',
  phone: '+39 347 7654321',
  email: 'luca.bianchi@example.it',
};

const psa = (overrides: Record<string, unknown> = {}) => ({
  operator: 'PSA',
  customer,
  channel: 'email',
  category: 'service_quality',
  description: 'Il servizio non funziona',
  ...overrides,
});

/** RULES §7 complaint and billing-window scenarios, over HTTP on PostgreSQL and Redis. */
describe('complaint acceptance scenarios over HTTP', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-7');
    supervisor = await booted.token('supervisor', 'sup-1');
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
  const detail = async (id: string) => (await get(`/v1/complaints/${id}`).expect(200)).body;

  async function file(body: object): Promise<{ complaintId: string; answerDueAt: string }> {
    return (await post('/v1/complaints', body).expect(201)).body;
  }

  function answerUpheld(id: string, answeredAt: string) {
    return post(`/v1/complaints/${id}/answer`, {
      outcome: 'upheld',
      answeredAt,
      measures: ['Ripristinato il servizio'],
    });
  }

  it('AS-16: a PSA complaint received 2026-09-01 and answered 2026-10-20 is 4 days late: €20.00', async () => {
    await setClock('2026-09-01T12:00:00+02:00');
    const filed = await file(psa({ receivedAt: '2026-09-01T10:00:00+02:00' }));
    expect((await detail(filed.complaintId)).answerDue.dueDate).toBe('2026-10-16');
    await setClock('2026-10-20T12:00:00+02:00');
    await answerUpheld(filed.complaintId, '2026-10-20T10:00:00+02:00').expect(200);
    expect((await detail(filed.complaintId)).lateIndemnity).toMatchObject({
      rule: 'CMP-12',
      basisRule: 'IND-8',
      status: 'assessed',
      dueDate: '2026-10-16',
      daysLate: 4,
      amountCents: 2000,
      policyVersion: 'PSA@cds',
    });
  });

  it('AS-17: due on Sunday 2026-03-01 (not moved), answered 2026-04-30: 60 days, capped at €50.00', async () => {
    await setClock('2026-01-15T12:00:00+01:00');
    const filed = await file(psa({ receivedAt: '2026-01-15T10:00:00+01:00' }));
    await setClock('2026-04-30T12:00:00+02:00');
    await answerUpheld(filed.complaintId, '2026-04-30T10:00:00+02:00').expect(200);
    expect((await detail(filed.complaintId)).lateIndemnity).toMatchObject({
      dueDate: '2026-03-01',
      daysLate: 60,
      uncappedCents: 30000,
      amountCents: 5000,
      capped: true,
    });
  });

  it('AS-19: a Fastweb fax sent Friday 2026-04-03 is received Tuesday 2026-04-07, due 2026-05-22', async () => {
    await setClock('2026-04-08T12:00:00+02:00');
    const filed = await file({
      operator: 'FASTWEB',
      customer,
      channel: 'fax',
      sentAt: '2026-04-03T16:00:00+02:00',
      category: 'contract',
      description: 'Disdetta non lavorata',
    });
    const shown = await detail(filed.complaintId);
    expect(shown.receivedAt).toBe('2026-04-06T22:00:00.000Z');
    expect(shown.answerDue.dueDate).toBe('2026-05-22');
  });

  it('AS-20: a complexity notice in time moves the deadline; no indemnity when answered before it', async () => {
    await setClock('2026-05-04T12:00:00+02:00');
    const filed = await file(psa({ receivedAt: '2026-05-04T10:00:00+02:00' }));
    expect((await detail(filed.complaintId)).answerDue.dueDate).toBe('2026-06-18');
    await setClock('2026-06-10T12:00:00+02:00');
    await post(`/v1/complaints/${filed.complaintId}/complexity-notice`, {
      noticedAt: '2026-06-10T10:00:00+02:00',
      answerDate: '2026-07-15',
      progress: 'Verifiche in corso con il fornitore di rete',
    }).expect(200);
    await setClock('2026-07-10T12:00:00+02:00');
    await answerUpheld(filed.complaintId, '2026-07-10T10:00:00+02:00').expect(200);
    const shown = await detail(filed.complaintId);
    expect(shown.answerDueAt).toBe('2026-07-15T21:59:59.999Z');
    expect(shown.lateIndemnity).toMatchObject({ status: 'none', amountCents: 0 });
    expect(shown.deadlineMissed).toBe(false);
  });

  it('AS-20: a complexity notice after the term is refused (CMP-7); answered 2026-07-10 it is 22 days late, capped €50.00', async () => {
    await setClock('2026-05-04T12:00:00+02:00');
    const filed = await file(psa({ receivedAt: '2026-05-04T10:00:00+02:00' }));
    await setClock('2026-06-19T12:00:00+02:00');
    const refused = await post(`/v1/complaints/${filed.complaintId}/complexity-notice`, {
      noticedAt: '2026-06-19T10:00:00+02:00',
      answerDate: '2026-07-15',
      progress: 'Verifiche in corso',
    });
    expectProblem(refused, 422);
    expect(refused.body).toMatchObject({ ruleId: 'CMP-7' });
    const types = (await detail(filed.complaintId)).timeline.map((e: { type: string }) => e.type);
    expect(types).not.toContain('ComplaintComplexityNoticeSent');
    await setClock('2026-07-10T12:00:00+02:00');
    await answerUpheld(filed.complaintId, '2026-07-10T10:00:00+02:00').expect(200);
    expect((await detail(filed.complaintId)).lateIndemnity).toMatchObject({
      daysLate: 22,
      uncappedCents: 11000,
      amountCents: 5000,
    });
  });

  describe('AS-21: a PSA billing complaint on an invoice issued Monday 2026-05-04', () => {
    const invoice = {
      number: 'PSA-2026-0504',
      issueDate: '2026-05-04',
      dueDate: '2026-05-19',
      amountCents: 8000,
      disputedCents: 8000,
    };
    const billing = (receivedAt: string, extra: Record<string, unknown> = {}) =>
      psa({ category: 'billing', receivedAt, invoice: { ...invoice, ...extra } });

    it('on day 15 is in the window and suspends the late-payment penalty', async () => {
      await setClock('2026-05-19T12:00:00+02:00');
      const filed = await file(billing('2026-05-19T10:00:00+02:00'));
      const shown = await detail(filed.complaintId);
      expect(shown.billing).toEqual({
        windowEndsOn: '2026-05-19',
        inWindow: true,
        suspendsLatePayment: true,
      });
      expect(shown.penaltySuspended).toBe(true);
      expect(shown.timeline.map((e: { type: string }) => e.type)).toContain(
        'LatePaymentPenaltySuspended',
      );
    });

    it('on day 16 is registered as a general complaint due 2026-07-04, with no suspension', async () => {
      await setClock('2026-05-20T12:00:00+02:00');
      const filed = await file(billing('2026-05-20T10:00:00+02:00'));
      const shown = await detail(filed.complaintId);
      expect(shown.billing).toMatchObject({ inWindow: false, suspendsLatePayment: false });
      expect(shown.answerDue.dueDate).toBe('2026-07-04');
      expect(shown.penaltySuspended).toBe(false);
    });

    it('on day 16 with the invoice proven delivered 2026-05-12 the window runs to 2026-05-27', async () => {
      await setClock('2026-05-20T12:00:00+02:00');
      const filed = await file(billing('2026-05-20T10:00:00+02:00', { deliveredOn: '2026-05-12' }));
      expect((await detail(filed.complaintId)).billing).toMatchObject({
        windowEndsOn: '2026-05-27',
        inWindow: true,
        suspendsLatePayment: true,
      });
    });
  });

  it('CMP-9: an outage complaint lacking fields is registered, asks for them, and is completed later', async () => {
    await setClock('2026-05-20T12:00:00+02:00');
    const filed = await file(
      psa({
        channel: 'registered_letter',
        receivedAt: '2026-05-20T10:00:00+02:00',
        outage: {
          phoneNumber: '+39 347 7654321',
          disruptionType: 'assenza di rete mobile',
          startedOn: '2026-05-02',
          outageEndedOn: '2026-05-05',
        },
      }),
    );
    const shown = await detail(filed.complaintId);
    expect(shown.outageAssessment).toMatchObject({
      rule: 'CMP-9',
      inWindow: true,
      registeredLetter: true,
      missingFields: [
        'outage.holderName',
        'outage.place.municipality',
        'outage.place.street',
        'outage.place.postcode',
      ],
    });
    expect(shown.timeline.map((e: { type: string }) => e.type)).toContain(
      'ComplaintCompletionRequested',
    );
    const badPostcode = await post(`/v1/complaints/${filed.complaintId}/outage-details`, {
      place: { postcode: '1012' },
    });
    expectProblem(badPostcode, 400);
    expect(JSON.stringify(badPostcode.body)).not.toContain('1012');
    await post(`/v1/complaints/${filed.complaintId}/outage-details`, {
      holderName: 'Luca Bianchi',
      place: { municipality: 'Torino', street: 'Via Po 10', postcode: '10124' },
    }).expect(200);
    const completed = await detail(filed.complaintId);
    expect(completed.outageMissingFields).toEqual([]);
    expect(completed.outage).toMatchObject({ holderName: 'Luca Bianchi' });
  });

  describe('policies for supervisors, and the what-if query', () => {
    it('lists the loaded versions with the period each is in force; operators are refused', async () => {
      const listed = await get('/v1/policies', supervisor).expect(200);
      expect(listed.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ operator: 'PSA', version: 'PSA@cds', inForceNow: true }),
          expect.objectContaining({ operator: 'WINDTRE', version: 'WINDTRE@incident-2026' }),
        ]),
      );
      const one = await get(`/v1/policies/${encodeURIComponent('PSA@cds')}`, supervisor).expect(
        200,
      );
      expect(one.body.complaints.lateIndemnity).toMatchObject({ dailyCents: 500, capCents: 5000 });
      expectProblem(await get('/v1/policies', operator), 403);
      expectProblem(await get('/v1/policies/NOPE@x', supervisor), 404);
    });

    it('CAL-9: shows open PSA complaints under a 30-day candidate beside their own figures, changing nothing', async () => {
      await setClock('2026-09-01T12:00:00+02:00');
      const filed = await file(psa({ receivedAt: '2026-09-01T10:00:00+02:00' }));
      await setClock('2026-10-10T12:00:00+02:00');
      const before = await detail(filed.complaintId);
      const shipped = (await get(`/v1/policies/${encodeURIComponent('PSA@cds')}`, supervisor)).body;
      const candidate = {
        ...shipped,
        version: 'PSA@agcom-255-24',
        effectiveFrom: '2026-12-01',
        complaints: {
          ...shipped.complaints,
          answerTerm: { days: 30, counting: 'SOLAR_DAYS', clause: 'AGCOM Delibera 255/24/CONS' },
        },
      };
      // The list read model follows the log a moment later: ask until the new complaint is in.
      let result = await post('/v1/policies/what-if', { policy: candidate }, supervisor);
      const find = () =>
        (result.body.tickets ?? []).find(
          (t: { ticketId: string }) => t.ticketId === filed.complaintId,
        );
      for (let i = 0; i < 100 && result.status === 200 && !find(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        result = await post('/v1/policies/what-if', { policy: candidate }, supervisor);
      }
      expect(result.status).toBe(200);
      const ticket = find();
      expect(ticket).toMatchObject({
        candidateWouldApply: false,
        changed: true,
        current: { policyVersion: 'PSA@cds', dueDate: '2026-10-16', indemnity: { amountCents: 0 } },
        candidate: {
          policyVersion: 'PSA@agcom-255-24',
          dueDate: '2026-10-01',
          indemnity: { status: 'accruing', daysLate: 9, amountCents: 4500 },
        },
      });
      expect(result.body.candidate).toMatchObject({ source: 'submitted', operator: 'PSA' });
      const after = await detail(filed.complaintId);
      const ownEvents = (shown: { timeline: { type: string; revision: number }[] }) =>
        shown.timeline
          .filter((e) => e.type !== 'CustomerNotified')
          .map((e) => `${e.revision}:${e.type}`);
      expect(ownEvents(after)).toEqual(ownEvents(before));
      expect(after.answerDueAt).toBe(before.answerDueAt);
      expect(after.policyVersion).toBe('PSA@cds');

      const invalid = await post(
        '/v1/policies/what-if',
        { policy: { ...candidate, complaints: { ...candidate.complaints, answerTerm: null } } },
        supervisor,
      );
      expectProblem(invalid, 400);
      expect(invalid.body.errors).toEqual([
        { field: 'policy.complaints.answerTerm', reason: 'must be an object' },
      ]);
      expectProblem(await post('/v1/policies/what-if', { version: 'PSA@cds' }, operator), 403);
      expectProblem(await post('/v1/policies/what-if', { version: 'PSA@none' }, supervisor), 404);
    });
  });
});
