import { BootedApp } from '../support/boot-app';

const HOUR = 3_600_000;
export const REPAIR_HOURS = [10, 18, 30, 50, 80];

const customer = {
  customerType: 'residential',
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  email: 'maria.esposito@example.it',
};

/**
 * A small Fastweb first half of 2026 with known figures, through the real API on a test clock:
 * five faults repaired in 10, 18, 30, 50 and 80 hours; two activations (one on time, one 4 days late);
 * four invoices, one of them disputed and upheld with a refund; then, in late June, open tickets
 * at every distance from their deadline. Returns the ids the tests look up.
 */
export async function seedQuality(booted: BootedApp) {
  const operator = await booted.token('operator', 'op-seed');
  const admin = await booted.token('admin', 'admin-seed');
  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);
  const iso = (ms: number) => new Date(ms).toISOString();

  const faults: string[] = [];
  for (const [i, hours] of REPAIR_HOURS.entries()) {
    const reportedAt = Date.parse(`2026-02-${String(2 + i * 3).padStart(2, '0')}T09:00:00+01:00`);
    await setClock(iso(reportedAt + 60_000));
    const fault = await post('/v1/faults', {
      operator: 'FASTWEB',
      customer: { customerType: 'residential', name: `Cliente ${i}`, email: `c${i}@example.it` },
      lineId: '0212345678',
      service: 'broadband',
      channel: 'phone',
      description: 'Nessuna connessione',
      reportedAt: iso(reportedAt),
    }).expect(201);
    const restoredAt = iso(reportedAt + hours * HOUR);
    await setClock(iso(reportedAt + hours * HOUR + 60_000));
    await post(`/v1/faults/${fault.body.faultId}/restoration`, { restoredAt }).expect(200);
    await post(`/v1/faults/${fault.body.faultId}/closure`, { outcome: 'repaired' }).expect(200);
    faults.push(fault.body.faultId);
  }

  const activations: string[] = [];
  for (const activatedAt of ['2026-01-20T10:00:00+01:00', '2026-03-10T10:00:00+01:00']) {
    await setClock('2026-01-05T12:00:00+01:00');
    const requested = await post('/v1/activations', {
      operator: 'FASTWEB',
      customer: { customerType: 'residential', name: 'Giulia Verdi', email: 'giulia@example.it' },
      requestKind: 'activation',
      services: ['voice'],
      address: 'Via Garibaldi 7, 10122 Torino',
      channel: 'web_area',
      receivedAt: '2026-01-05T10:00:00+01:00',
    }).expect(201);
    await setClock(new Date(Date.parse(activatedAt) + 60_000).toISOString());
    await post(`/v1/activations/${requested.body.activationId}/activation`, {
      activatedAt,
    }).expect(200);
    activations.push(requested.body.activationId);
  }

  await setClock('2026-03-05T10:00:00+01:00');
  const account = await post('/v1/billing-accounts', { operator: 'FASTWEB', customer }).expect(201);
  const accountId = account.body.accountId as string;
  for (const n of [1, 2, 3, 4])
    await post(`/v1/billing-accounts/${accountId}/invoices`, {
      number: `FW-QA-${n}`,
      issueDate: `2026-03-0${n}`,
      dueDate: `2026-03-2${n}`,
      amountCents: 5_000,
    }).expect((r) => {
      if (r.status !== 201) throw new Error(`invoice: ${r.status} ${r.text}`);
    });
  await setClock('2026-03-10T10:00:00+01:00');
  const complaint = await post('/v1/complaints', {
    operator: 'FASTWEB',
    customer,
    channel: 'email',
    receivedAt: '2026-03-10T09:00:00+01:00',
    category: 'billing',
    description: 'Importo non dovuto',
    invoice: {
      number: 'FW-QA-2',
      issueDate: '2026-03-02',
      dueDate: '2026-03-22',
      amountCents: 5_000,
      disputedCents: 1_500,
    },
  }).expect(201);
  await setClock('2026-03-20T10:00:00+01:00');
  await post(`/v1/complaints/${complaint.body.complaintId}/answer`, {
    outcome: 'upheld',
    answeredAt: '2026-03-20T09:00:00+01:00',
    measures: ['Storno della voce non dovuta'],
    refundCents: 1_500,
  }).expect(200);

  // Late June: open tickets near and past their deadlines, for the dashboard.
  const open: string[] = [];
  for (const reportedAt of [
    '2026-06-24T09:00:00+02:00',
    '2026-06-26T20:00:00+02:00',
    '2026-06-29T09:00:00+02:00',
    '2026-06-30T08:00:00+02:00',
  ]) {
    await setClock(new Date(Date.parse(reportedAt) + 60_000).toISOString());
    const fault = await post('/v1/faults', {
      operator: 'FASTWEB',
      customer: { customerType: 'business', name: 'Impresa srl', email: 'impresa@example.it' },
      lineId: '0212345679',
      service: 'voice',
      channel: 'phone',
      description: 'Linea muta',
      reportedAt,
    }).expect(201);
    open.push(fault.body.faultId);
  }
  await setClock('2026-06-30T12:00:00+02:00');
  return { faults, activations, complaint: complaint.body.complaintId as string, open };
}
