import { NotifiableEvent, NotificationRuleRegistry } from '@sportello/notifications';
import { billingIncidentNotifications, italianMonthList } from './billing-incident-notifications';

const event = (type: string, data: unknown, id = 'e-1'): NotifiableEvent => ({
  id,
  type,
  stream: 'billing-recovery-r-1',
  revision: 0,
  data,
  occurredAt: '2026-05-04T10:00:00.000Z',
  masked: [],
});

const added = event('AffectedCustomerAdded', {
  customer: { subjectId: 's-1', phone: '+39 320 1234567', name: 'Lucia Ferri' },
});
const requested = event(
  'RecoveryNoticeRequested',
  {
    recoveryId: 'r-1',
    incidentId: 'i-1',
    subjectId: 's-1',
    template: 'billing-incident.notice',
    channel: 'sms',
    serviceName: 'Easy Pay',
    cause: 'interruzione del sistema di fatturazione',
    missedPeriods: ['2026-02', '2026-03', '2026-04'],
    monthlyFeeCents: 999,
    arrearsCents: 2997,
    currency: 'EUR',
    recoveryStepDays: 30,
    firstRecovery: 'same_day_next_month',
  },
  'e-2',
);

describe('NTF-10 — the billing-incident SMS', () => {
  const registry = new NotificationRuleRegistry().register(billingIncidentNotifications);

  it('RecoveryNoticeRequested calls for one SMS to the subject, recorded on the recovery stream', () => {
    expect(registry.noticesFor(requested)).toEqual([
      {
        template: 'billing-incident.notice',
        channels: ['sms'],
        subjectId: 's-1',
        ticketStream: 'billing-recovery-r-1',
      },
    ]);
  });

  it('goes to the phone sealed in AffectedCustomerAdded, referenced by event and path', () => {
    const template = registry.template('billing-incident.notice');
    expect(template.contact([added, requested], 's-1', 'sms')).toEqual({
      status: 'found',
      address: '+39 320 1234567',
      reference: { subjectId: 's-1', field: 'phone', eventId: 'e-1', path: 'customer.phone' },
    });
    expect(template.contact([added], 's-1', 'email')).toEqual({ status: 'missing' });
  });

  it('tells the cause, the resumption of regular charges and the 30-day recovery, with figures only', () => {
    const { text } = registry
      .template('billing-incident.notice')
      .render({ source: requested, ticket: [added, requested], channel: 'sms' });
    expect(text).toContain('febbraio, marzo e aprile 2026');
    expect(text).toContain('Dal mese in corso gli addebiti mensili riprenderanno regolarmente');
    expect(text).toContain('ogni 30 giorni, a partire dal mese prossimo');
    expect(text).toContain('9,99 €');
    expect(text).toContain('29,97 €');
    expect(text).not.toMatch(/Lucia|320/);
    expect(italianMonthList(['2026-01', '2025-12', '2026-02'])).toBe(
      'dicembre 2025, gennaio e febbraio 2026',
    );
  });
});
