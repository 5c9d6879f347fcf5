import { BootedApp } from '../support/boot-app';

/** Names, numbers and codes that must never leave the store unmasked (or reach a log). */
export const PERSONAL = [
  'Maria Esposito',
  'SPSMRA80A41F839Y',
  'Marco Bianchi',
  'Lucia Ferri',
  '7654321',
  'Paolo Rinaldi',
  'Romanelli',
  'RMNGLI85C41H501Z',
  '0115550001',
];

export interface AuditedStore {
  complaintId: string;
  subjectId: string;
  faultId: string;
  outageId: string;
  accountId: string;
  incidentId: string;
  recoveryId: string;
  activationId: string;
  windowId: string;
  errorId: string;
  ticketId: string;
}

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/**
 * A store with every audited kind of ticket, built through the API as users would: a Fastweb
 * complaint (filed, answered on 2026-05-06), a PSA fault in a declared outage (restored,
 * closed), a PSA billing account (an invoice paid), a WindTre billing incident with one
 * customer's recovery plan, a Fastweb activation for the complaint's customer (one data subject
 * across tickets), a PSA maintenance window on one line, a Fastweb directory error and an
 * assistance ticket.
 */
export async function buildAuditedStore(booted: BootedApp): Promise<AuditedStore> {
  const operator = await booted.token('operator', 'op-1');
  const supervisor = await booted.token('supervisor', 'sup-1');
  const admin = await booted.token('admin', 'admin-1');
  const post = async (path: string, body: object, token = operator, status = [200, 201]) => {
    const response = await booted.http
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
    if (!status.includes(response.status))
      throw new Error(`POST ${path}: ${response.status} ${response.text}`);
    return response.body as Record<string, string>;
  };
  const get = (path: string) => booted.http.get(path).set('Authorization', `Bearer ${operator}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin);

  await setClock('2026-05-04T10:00:00+02:00');
  const { complaintId } = await post('/v1/complaints', {
    operator: 'FASTWEB',
    customer: {
      customerType: 'residential',
      name: 'Maria Esposito',
      fiscalCode: 'SPSMRA80A41F839Y',
      email: 'maria.esposito@example.it',
    },
    channel: 'registered_letter',
    receivedAt: '2026-05-04T09:00:00+02:00',
    category: 'service_quality',
    description: 'La linea cade ogni sera',
  });
  const { faultId } = await post('/v1/faults', {
    operator: 'PSA',
    customer: { customerType: 'residential', name: 'Marco Bianchi' },
    lineId: '0212345678',
    service: 'broadband',
    channel: 'phone',
    description: 'Nessuna connessione dalle 8',
    reportedAt: '2026-05-04T08:00:00+02:00',
  });
  const { outageId } = await post(
    '/v1/outages',
    {
      operator: 'PSA',
      kind: 'MASS_REPORTS',
      area: { description: 'Torino nord', municipalities: ['Torino'], postcodes: ['10155'] },
      startedAt: '2026-05-04T07:00:00+02:00',
      faultIds: [faultId],
    },
    supervisor,
  );
  const { accountId } = await post('/v1/billing-accounts', {
    operator: 'PSA',
    customer: {
      customerType: 'residential',
      name: 'Maria Esposito',
      fiscalCode: 'SPSMRA80A41F839Y',
    },
  });
  await post(`/v1/billing-accounts/${accountId}/invoices`, {
    number: 'PSA-0501',
    issueDate: '2026-05-01',
    dueDate: '2026-05-16',
    amountCents: 5_000,
  });
  await post(`/v1/billing-accounts/${accountId}/payments`, {
    invoiceNumber: 'PSA-0501',
    paidOn: '2026-05-04',
    amountCents: 5_000,
  });
  const { incidentId } = await post(
    '/v1/billing-incidents',
    {
      operator: 'WINDTRE',
      service: { name: 'Easy Pay', monthlyFeeCents: 999 },
      cause: 'Interruzione tecnica del sistema di fatturazione',
      periods: ['2026-02', '2026-03', '2026-04'],
    },
    supervisor,
  );

  await setClock('2026-05-05T09:30:00+02:00');
  const { recoveryId } = await post(
    `/v1/billing-incidents/${incidentId}/affected-customers`,
    {
      customer: {
        customerType: 'residential',
        name: 'Lucia Ferri',
        phone: '+39 320 7654321',
        lineId: 'WT-3207654321',
      },
    },
    supervisor,
  );
  await eventually(
    async () =>
      (await get(`/v1/billing-incidents/${incidentId}/affected-customers/${recoveryId}`)).body,
    (body: { plan: unknown }) => Boolean(body?.plan),
    'the recovery plan',
  );
  const { activationId } = await post('/v1/activations', {
    operator: 'FASTWEB',
    customer: {
      customerType: 'residential',
      name: 'Maria Esposito',
      fiscalCode: 'SPSMRA80A41F839Y',
    },
    requestKind: 'activation',
    services: ['voice'],
    address: 'Via Toledo 1, 80134 Napoli',
    channel: 'web_area',
    receivedAt: '2026-05-05T09:00:00+02:00',
  });
  const { windowId } = await post('/v1/maintenance-windows', {
    operator: 'PSA',
    area: 'Torino nord — centrale Barriera di Milano',
    lines: [{ lineId: '0115550001', customerType: 'residential' }],
    plannedStart: '2026-05-11T01:00:00+02:00',
    plannedEnd: '2026-05-11T05:00:00+02:00',
    description: 'Sostituzione apparati OLT',
    notice: { publishedAt: '2026-05-05T09:00:00+02:00', channel: 'sms' },
  });
  const listing = { name: 'Rinaldi Paolo', number: '011 1234567', address: 'Via Po 3, Torino' };
  const { errorId } = await post('/v1/directory-errors', {
    operator: 'FASTWEB',
    customer: { customerType: 'residential', name: 'Paolo Rinaldi' },
    lineId: '0111234567',
    medium: 'printed_directory',
    requested: { publish: true, basis: 'customer_request', listing },
    published: { ...listing, number: '011 7654321' },
    erroneousSince: '2025-03-01',
    discoveredOn: '2026-05-04',
    reportedAt: '2026-05-05T09:00:00+02:00',
    channel: 'phone',
  });
  const { ticketId } = await post('/v1/assistance/tickets', {
    operator: 'FASTWEB',
    channel: 'phone',
    problem: {
      category: 'ONLINE_SERVICE',
      platform: 'customer-portal',
      summary: 'Il login al portale fallisce dopo il cambio password',
    },
    caller: { firstName: 'Giulia', lastName: 'Romanelli', fiscalCode: 'RMNGLI85C41H501Z' },
  });
  await post(`/v1/faults/${faultId}/restoration`, { restoredAt: '2026-05-05T09:00:00+02:00' });
  await post(`/v1/faults/${faultId}/closure`, { outcome: 'repaired' });

  await setClock('2026-05-06T10:00:00+02:00');
  await post(`/v1/complaints/${complaintId}/answer`, {
    outcome: 'upheld',
    answeredAt: '2026-05-06T10:00:00+02:00',
    measures: ['Sostituito il modem'],
  });
  const filed = await get(`/v1/complaints/${complaintId}`);
  return {
    complaintId,
    subjectId: filed.body.customer.subjectId as string,
    faultId,
    outageId,
    accountId,
    incidentId,
    recoveryId,
    activationId,
    windowId,
    errorId,
    ticketId,
  };
}
