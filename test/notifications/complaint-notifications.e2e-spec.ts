import { NotificationsBackground } from '@sportello/notifications';
import { SmtpTestServer } from '@sportello/notifications/testing/smtp-test-server';
import { BootedApp, bootApp } from '../support/boot-app';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

const customer = {
  customerType: 'residential',
  name: 'Giulia Ferraris',
  fiscalCode: 'FRRGLI85M52L219K',
  phone: '+39 347 7654321',
  email: 'giulia.ferraris@example.it',
};

describe('customer notifications for complaints (real app, PostgreSQL, Redis and SMTP server)', () => {
  let smtp: SmtpTestServer;
  let booted: BootedApp;
  let operator: string;
  let admin: string;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    // The notification variables are read from the process environment when the worker starts.
    const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = 'Servizio Clienti <reclami@sportello.test>';
    try {
      // Every projection runner holds a pooled connection for its advisory lock.
      booted = await bootApp({ env: { DATABASE_POOL_SIZE: '16' } });
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
    operator = await booted.token('operator', 'op-1');
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(async () => {
    await booted?.teardown();
    await smtp?.close();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string) => booted.http.get(path).set('Authorization', `Bearer ${operator}`);
  const drain = () => booted.app.get(NotificationsBackground, { strict: false }).drain();

  async function timeline(id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    return (await get(`/v1/complaints/${id}`).expect(200)).body.timeline;
  }

  it('NTF-1, CMP-2: filing over HTTP sends the tracking code by e-mail; the timeline shows CustomerNotified', async () => {
    await post('/test-clock', { set: '2026-03-03T10:00:00+01:00' }, admin).expect(200);
    const filed = await post('/v1/complaints', {
      operator: 'FASTWEB',
      customer,
      channel: 'registered_letter',
      receivedAt: '2026-03-02T09:00:00+01:00',
      category: 'service_quality',
      description: 'La linea cade ogni sera',
    }).expect(201);
    const { complaintId, trackingCode } = filed.body;

    await drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual([customer.email]);
    expect(mail.subject).toBe(`Reclamo registrato: codice ${trackingCode}`);
    expect(mail.text).toContain(trackingCode);
    expect(mail.text).toContain('entro il 16/04/2026');

    const events = await timeline(complaintId);
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled', 'CustomerNotified']);
    expect(events[1].data).toMatchObject({
      template: 'complaint.filed',
      channel: 'email',
      contact: { field: 'email', path: 'customer.email' },
      notificationId: mail.notificationId,
    });

    // NTF-2, CMP-6: the answer brings the outcome by e-mail.
    await post(`/v1/complaints/${complaintId}/answer`, {
      outcome: 'upheld',
      answeredAt: '2026-03-03T10:00:00+01:00',
      measures: ['Sostituito il modem di Giulia'],
      refundCents: 2500,
    }).expect(200);
    await drain();
    const mails = await smtp.waitFor(2);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe(`Esito del reclamo ${trackingCode}`);
    expect(mails[1].text).toContain('è stato accolto');
    expect(mails[1].text).toContain('25,00 €');
    expect(mails[1].text).not.toContain('Giulia');
    const notices = (await timeline(complaintId)).filter((e) => e.type === 'CustomerNotified');
    expect(notices.map((e) => [e.data.template, e.data.channel, e.data.notificationId])).toEqual([
      ['complaint.filed', 'email', mails[0].notificationId],
      ['complaint.answered', 'email', mails[1].notificationId],
    ]);
  });

  it('NTF-11: without an e-mail the notice goes by SMS (logged without the number or the text)', async () => {
    const filed = await post('/v1/complaints', {
      operator: 'FASTWEB',
      customer: { ...customer, email: undefined },
      channel: 'phone',
      receivedAt: '2026-03-03T10:00:00+01:00',
      category: 'service_quality',
      description: 'Nessun segnale',
    }).expect(201);
    await drain();
    const notified = (await timeline(filed.body.complaintId)).filter(
      (e) => e.type === 'CustomerNotified',
    );
    expect(notified.map((e) => e.data)).toEqual([
      expect.objectContaining({
        channel: 'sms',
        contact: expect.objectContaining({ field: 'phone' }),
      }),
    ]);
    expect(smtp.messages).toHaveLength(2);
  });

  it('NTF-13: the logs name no customer, address, number or fiscal code', () => {
    const logs = booted.logs.text();
    expect(logs).toContain('complaint.filed');
    for (const value of [
      customer.name,
      customer.email,
      customer.phone,
      customer.fiscalCode,
      'Giulia',
    ])
      expect({ value, logged: logs.includes(value) }).toEqual({ value, logged: false });
  });
});
