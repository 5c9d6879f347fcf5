import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

const customer = {
  customerType: 'residential',
  name: 'Lucia Ferri',
  phone: '+39 320 7654321',
  lineId: 'WT-3207654321',
};

const incident = {
  operator: 'WINDTRE',
  service: { name: 'Easy Pay', monthlyFeeCents: 999 },
  cause: 'Interruzione tecnica del sistema di fatturazione',
  periods: ['2026-02', '2026-03', '2026-04'],
};

interface Charge {
  chargeId: string;
  dueOn: string;
  amountCents: number;
  recovers: string;
  label: string;
  status: string;
  invoiceNumber: string | null;
}
interface Entry {
  revision: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

describe('AS-27 — a WindTre billing incident over HTTP (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let supervisor: string;
  let operator: string;
  let auditor: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    supervisor = await booted.token('supervisor', 'sup-1');
    operator = await booted.token('operator', 'op-1');
    auditor = await booted.token('auditor', 'aud-1');
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = supervisor) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 15_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  const recoveryPath = (incidentId: string, recoveryId: string) =>
    `/v1/billing-incidents/${incidentId}/affected-customers/${recoveryId}`;
  const recovery = async (incidentId: string, recoveryId: string, token = operator) =>
    (await get(recoveryPath(incidentId, recoveryId), token).expect(200)).body as {
      status: string;
      notice: { source: string; sentAt: string } | null;
      plan: {
        noticeOn: string;
        regularChargesResumeFrom: string;
        arrearsCents: number;
        recoverableCents: number;
        charges: Charge[];
      } | null;
      timeline: Entry[];
      customer: { name: string };
    };
  const planned = (incidentId: string, recoveryId: string) =>
    eventually(
      () => recovery(incidentId, recoveryId),
      (r) => r.plan !== null,
      'the recovery plan',
    );

  let incidentId: string;

  it('BIL-15: a supervisor declares the incident; an operator cannot; everyone who reads can read it', async () => {
    await setClock('2026-05-04T10:00:00+02:00');
    expectProblem(await post('/v1/billing-incidents', incident, operator), 403, 'forbidden');
    expectProblem(await post('/v1/billing-incidents', incident, auditor), 403, 'forbidden');
    const declared = await post('/v1/billing-incidents', incident).expect(201);
    expect(declared.body).toMatchObject({ policyVersion: 'WINDTRE@incident-2026', revision: 0 });
    expect(declared.headers.etag).toBe('"0"');
    expect(declared.headers.location).toBe(`/v1/billing-incidents/${declared.body.incidentId}`);
    incidentId = declared.body.incidentId;

    for (const token of [operator, supervisor, auditor]) {
      const detail = await get(`/v1/billing-incidents/${incidentId}`, token).expect(200);
      expect(detail.body).toMatchObject({
        operator: 'WINDTRE',
        service: { name: 'Easy Pay', monthlyFeeCents: 999, currency: 'EUR' },
        periods: ['2026-02', '2026-03', '2026-04'],
        timeline: [expect.objectContaining({ type: 'BillingIncidentDeclared' })],
      });
    }
    const list = await eventually(
      async () => (await get('/v1/billing-incidents?operator=WINDTRE').expect(200)).body,
      (body: { items: { incidentId: string }[] }) =>
        body.items.some((i) => i.incidentId === incidentId),
      'the incident in the list',
    );
    expect(list.items[0]).toMatchObject({ incidentId, periods: incident.periods });
  });

  it('refuses bad declarations with precise problems', async () => {
    const bad = await post('/v1/billing-incidents', { ...incident, periods: ['2026-13'] });
    expect(expectProblem(bad, 400, 'validation-failed').errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'periods' })]),
    );
    const current = await post('/v1/billing-incidents', { ...incident, periods: ['2026-05'] });
    expect(expectProblem(current, 422, 'rule-violation')).toMatchObject({
      ruleId: 'BIL-15',
      field: 'periods',
    });
    const noPractice = await post('/v1/billing-incidents', { ...incident, operator: 'FASTWEB' });
    expect(expectProblem(noPractice, 422)).toMatchObject({ ruleId: 'BIL-15', field: 'operator' });
    const unknown = await post('/v1/billing-incidents', { ...incident, operator: 'ACME' });
    expect(expectProblem(unknown, 422)).toMatchObject({ ruleId: 'CAL-9', field: 'operator' });
  });

  it('AS-27 through the outbox: the SMS of 2026-05-05 is recorded, then May is charged normally and €9.99 is recovered on 06-05, 07-05 and 08-04', async () => {
    await setClock('2026-05-05T09:30:00+02:00');
    expectProblem(
      await post(`/v1/billing-incidents/${incidentId}/affected-customers`, { customer }, operator),
      403,
    );
    const added = await post(`/v1/billing-incidents/${incidentId}/affected-customers`, {
      customer,
    }).expect(201);
    expect(added.body).toMatchObject({ arrearsCents: 2997, noticeBy: 'system' });
    const { recoveryId } = added.body as { recoveryId: string };

    const r = await planned(incidentId, recoveryId);
    expect(r.notice).toMatchObject({ source: 'system', sentAt: '2026-05-05T07:30:00.000Z' });
    expect(r.plan).toMatchObject({
      noticeOn: '2026-05-05',
      regularChargesResumeFrom: '2026-05',
      arrearsCents: 2997,
      recoverableCents: 2997,
    });
    expect(r.plan!.charges.map((c) => [c.dueOn, c.amountCents, c.recovers, c.label])).toEqual([
      ['2026-06-05', 999, '2026-02', 'Recupero canone Easy Pay febbraio 2026'],
      ['2026-07-05', 999, '2026-03', 'Recupero canone Easy Pay marzo 2026'],
      ['2026-08-04', 999, '2026-04', 'Recupero canone Easy Pay aprile 2026'],
    ]);
    const types = r.timeline.map((e) => e.type);
    expect(types).toEqual([
      'AffectedCustomerAdded',
      'RecoveryNoticeRequested',
      'CustomerNotified',
      'RegularChargesResumed',
      'RecoveryPlanIssued',
    ]);
    // NTF-10: no recovery charge precedes the SMS notice event.
    const notified = r.timeline.find((e) => e.type === 'CustomerNotified')!;
    const plan = r.timeline.find((e) => e.type === 'RecoveryPlanIssued')!;
    expect(notified.data).toMatchObject({ template: 'billing-incident.notice', channel: 'sms' });
    expect(plan.revision).toBeGreaterThan(notified.revision);
    for (const charge of r.plan!.charges)
      expect(Date.parse(`${charge.dueOn}T00:00:00+02:00`)).toBeGreaterThan(
        Date.parse(notified.data.sentAt as string),
      );
    expect(r.customer.name).toBe('Lucia Ferri');
    expect(booted.logs.text()).not.toContain('Lucia Ferri');
    expect(booted.logs.text()).not.toContain('7654321');

    // AMB-28: one renewal per step, never earlier; each charge billed once on an invoice.
    const [feb, mar, apr] = r.plan!.charges;
    const path = `${recoveryPath(incidentId, recoveryId)}/billed-charges`;
    await setClock('2026-06-05T12:00:00+02:00');
    const early = await post(path, {
      chargeId: mar.chargeId,
      invoiceNumber: 'WT-0601',
      billedOn: '2026-06-05',
    });
    expect(expectProblem(early, 422)).toMatchObject({ ruleId: 'AMB-28', dueOn: '2026-07-05' });
    expectProblem(
      await post(
        path,
        { chargeId: feb.chargeId, invoiceNumber: 'WT-0601', billedOn: '2026-06-05' },
        operator,
      ),
      403,
    );
    const etag = (await get(recoveryPath(incidentId, recoveryId))).headers.etag as string;
    expectProblem(
      await post(path, {
        chargeId: feb.chargeId,
        invoiceNumber: 'WT-0601',
        billedOn: '2026-06-05',
      }).set('If-Match', '"1"'),
      412,
    );
    await post(path, { chargeId: feb.chargeId, invoiceNumber: 'WT-0601', billedOn: '2026-06-05' })
      .set('If-Match', etag)
      .expect(200);
    await setClock('2026-08-04T12:00:00+02:00');
    await post(path, {
      chargeId: mar.chargeId,
      invoiceNumber: 'WT-0705',
      billedOn: '2026-07-05',
    }).expect(200);
    await post(path, {
      chargeId: apr.chargeId,
      invoiceNumber: 'WT-0804',
      billedOn: '2026-08-04',
    }).expect(200);

    const settled = await recovery(incidentId, recoveryId, auditor);
    expect(settled.status).toBe('settled');
    expect(settled.plan!.charges.map((c) => [c.recovers, c.status, c.invoiceNumber])).toEqual([
      ['2026-02', 'billed', 'WT-0601'],
      ['2026-03', 'billed', 'WT-0705'],
      ['2026-04', 'billed', 'WT-0804'],
    ]);
    expect(settled.timeline.slice(-1)[0]).toMatchObject({
      type: 'BillingRecoverySettled',
      data: { recoveredCents: 2997, settledOn: '2026-08-04' },
    });
    const detail = await eventually(
      async () => (await get(`/v1/billing-incidents/${incidentId}`).expect(200)).body,
      (body: { affectedCustomers: { recoveryId: string; status: string }[] }) =>
        body.affectedCustomers.some((c) => c.recoveryId === recoveryId && c.status === 'settled'),
      'the settled recovery in the incident',
    );
    expect(JSON.stringify(detail.affectedCustomers)).not.toContain('Lucia');
  });

  it('NTF-10: with the SMS sent outside the system, nothing is recovered before a supervisor records it; then the same plan follows', async () => {
    await setClock('2026-05-05T09:00:00+02:00');
    const added = await post(`/v1/billing-incidents/${incidentId}/affected-customers`, {
      customer: { ...customer, name: 'Marco Gallo', phone: '+39 347 1112223' },
      noticeBy: 'outside_system',
    }).expect(201);
    const { recoveryId } = added.body as { recoveryId: string };
    const base = recoveryPath(incidentId, recoveryId);

    const early = await post(`${base}/recovery-plan`, {});
    expect(expectProblem(early, 422, 'rule-violation')).toMatchObject({ ruleId: 'NTF-10' });
    const charge = await post(`${base}/billed-charges`, {
      chargeId: `${recoveryId}:2026-02`,
      invoiceNumber: 'WT-1',
      billedOn: '2026-05-05',
    });
    expect(expectProblem(charge, 422)).toMatchObject({ ruleId: 'NTF-10' });
    const notice = { sentAt: '2026-05-05T10:00:00+02:00', smsReference: 'SMSGW-20260505-1' };
    expect(expectProblem(await post(`${base}/sms-notice`, notice), 422)).toMatchObject({
      ruleId: 'NTF-10',
      field: 'sentAt',
    });
    expectProblem(await post(`${base}/sms-notice`, notice, operator), 403);

    await setClock('2026-05-05T11:00:00+02:00');
    await post(`${base}/sms-notice`, notice).expect(200);
    const r = await planned(incidentId, recoveryId);
    expect(r.timeline.map((e) => e.type)).toEqual([
      'AffectedCustomerAdded',
      'RecoveryNoticeRecorded',
      'RegularChargesResumed',
      'RecoveryPlanIssued',
    ]);
    expect(r.notice).toMatchObject({ source: 'outside_system' });
    expect(r.plan!.charges.map((c) => [c.dueOn, c.recovers])).toEqual([
      ['2026-06-05', '2026-02'],
      ['2026-07-05', '2026-03'],
      ['2026-08-04', '2026-04'],
    ]);
    // Issuing again changes nothing: the reactor and a supervisor may both try.
    await post(`${base}/recovery-plan`, {}).expect(200);
    expect((await recovery(incidentId, recoveryId)).timeline).toHaveLength(4);
    expectProblem(await get(recoveryPath(incidentId, '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b')), 404);
  });

  it('BIL-15: a recovery charge is open to complaint like any billing item', async () => {
    await setClock('2026-05-05T10:00:00+02:00');
    const added = await post(`/v1/billing-incidents/${incidentId}/affected-customers`, {
      customer,
    }).expect(201);
    const { recoveryId } = added.body as { recoveryId: string };
    const [feb] = (await planned(incidentId, recoveryId)).plan!.charges;
    await setClock('2026-06-06T10:00:00+02:00');
    const complaint = (billingItem: object, operatorCode = 'WINDTRE') => ({
      operator: operatorCode,
      customer: {
        customerType: 'residential',
        name: 'Lucia Ferri',
        fiscalCode: 'FRRLCU80A41H501Z',
        phone: '+39 347 7654321',
      },
      channel: 'phone',
      receivedAt: '2026-06-06T09:00:00+02:00',
      category: 'billing',
      description: 'Non riconosco il recupero di febbraio',
      billingItem,
    });
    const filed = await post(
      '/v1/complaints',
      complaint({ kind: 'billing-recovery-charge', chargeId: feb.chargeId }),
      operator,
    ).expect(201);
    const shown = (await get(`/v1/complaints/${filed.body.complaintId}`).expect(200)).body;
    expect(shown).toMatchObject({
      policyVersion: 'WINDTRE@incident-2026',
      answerDue: { dueDate: '2026-07-21' },
      billingItem: {
        kind: 'billing-recovery-charge',
        chargeId: feb.chargeId,
        recoveryId,
        recovers: '2026-02',
        amountCents: 999,
      },
    });
    const listed = await eventually(
      async () =>
        (await get(`/v1/complaints?billingItem=${encodeURIComponent(feb.chargeId)}`).expect(200))
          .body as { items: { complaintId: string }[] },
      (body) => body.items.length === 1,
      'the complaint in the list by billing item',
    );
    expect(listed.items[0].complaintId).toBe(filed.body.complaintId);

    const unknown = await post(
      '/v1/complaints',
      complaint({ kind: 'billing-recovery-charge', chargeId: `${recoveryId}:2025-01` }),
      operator,
    );
    expect(expectProblem(unknown, 422)).toMatchObject({
      ruleId: 'BIL-15',
      field: 'billingItem.chargeId',
    });
    const otherOperator = await post(
      '/v1/complaints',
      complaint({ kind: 'billing-recovery-charge', chargeId: feb.chargeId }, 'PSA'),
      operator,
    );
    expect(expectProblem(otherOperator, 422)).toMatchObject({ ruleId: 'CMP-1' });
  });
});
