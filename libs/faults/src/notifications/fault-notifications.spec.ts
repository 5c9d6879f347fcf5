import {
  NotifiableEvent,
  NotificationChannelName,
  NotificationRuleRegistry,
} from '@sportello/notifications';
import { FaultEvent } from '../domain/fault.events';
import { FAULT_OUTAGE_NOTICE, faultNotifications } from './fault-notifications';

const faultId = '01a20386-0000-7000-8000-00000000f001';
const stream = `fault-${faultId}`;
const personal = ['Marco', 'Bianchi', '333', 'marco.bianchi', '0212345678', 'Linea muta'];

let revision = 0;
function recorded(event: FaultEvent | { type: string; data: unknown }, masked: string[] = []) {
  return {
    id: `01a20386-0000-7000-8000-0000000000${String(revision).padStart(2, '0')}`,
    type: event.type,
    stream,
    revision: revision++,
    data: event.data,
    occurredAt: '2026-09-14T06:00:00.000Z',
    masked,
  } satisfies NotifiableEvent;
}

const reported = (
  termKind: 'ELAPSED_HOURS' | 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY',
  masked: string[] = [],
) =>
  recorded(
    {
      type: 'FaultReported',
      data: {
        faultId,
        reference: 'GU-2026-ABCD2345',
        operator: 'PSA',
        policyVersion: 'PSA@cds',
        customer: {
          subjectId: 'sub-1',
          customerType: 'residential',
          name: 'Marco Bianchi',
          phone: '+39 333 0000000',
          email: 'marco.bianchi@example.it',
          lineId: '0212345678',
        },
        lineId: '0212345678',
        service: 'broadband',
        channel: 'phone',
        description: 'Linea muta',
        reportedAt: '2026-09-14T06:00:00.000Z',
        term: { kind: termKind, value: 4, rule: 'FLT-6', clause: 'PSA-CDS §9' },
        repairDueAt: '2026-09-18T21:59:59.999Z',
      },
    } as unknown as FaultEvent,
    masked,
  );

const linked = (repairDueAt: string | null = '2026-09-18T21:59:59.999Z') =>
  recorded({
    type: 'FaultLinkedToIncident',
    data: { faultId, subjectId: 'sub-1', incidentId: 'o-1', repairDueAt },
  });

const registry = new NotificationRuleRegistry();
registry.register(faultNotifications);
const template = registry.template(FAULT_OUTAGE_NOTICE);

function render(ticket: NotifiableEvent[], channel: NotificationChannelName) {
  const source = ticket.find((e) => e.type === 'FaultLinkedToIncident')!;
  return template.render({ source, ticket, channel });
}

describe('fault notifications (NTF-7, FLT-9)', () => {
  it('a fault linked to an outage calls for one notice, by e-mail or else SMS, ids only', () => {
    const link = linked();
    expect(registry.noticesFor(link)).toEqual([
      {
        template: FAULT_OUTAGE_NOTICE,
        channels: ['email', 'sms'],
        subjectId: 'sub-1',
        ticketStream: stream,
      },
    ]);
    expect(registry.noticesFor(reported('NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY'))).toEqual([]);
  });

  it('tells of longer intervention times with first guidance and the unchanged deadline; no personal data', () => {
    const ticket = [reported('NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY'), linked()];
    const mail = render(ticket, 'email');
    expect(mail.subject).toBe('Segnalazione GU-2026-ABCD2345: guasto esteso nella sua zona');
    expect(mail.text).toContain('I tempi di intervento potranno essere più lunghi');
    expect(mail.text).toContain('resta il 18/09/2026.');
    expect(mail.text).toContain('Non è necessario segnalare di nuovo il guasto');
    const sms = render(ticket, 'sms');
    expect(sms.text).toContain('GU-2026-ABCD2345');
    for (const text of [mail.text, mail.subject, sms.text])
      for (const value of personal) expect(text).not.toContain(value);
  });

  it('gives the hour of an hour-based deadline, and no deadline once the fault was reclassified (FLT-10)', () => {
    const hours = [reported('ELAPSED_HOURS'), linked('2026-09-17T06:00:00.000Z')];
    expect(render(hours, 'sms').text).toContain('resta il 17/09/2026 alle 08:00.');
    const reclassified = [
      reported('NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY'),
      linked(),
      recorded({ type: 'FaultMarkedComplex', data: { faultId, subjectId: 'sub-1' } }),
    ];
    expect(render(reclassified, 'email').text).not.toContain('resta il');
  });

  it('finds the contact the customer gave, and never an erased one', () => {
    const ticket = [reported('NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY'), linked()];
    expect(template.contact(ticket, 'sub-1', 'email')).toMatchObject({
      status: 'found',
      address: 'marco.bianchi@example.it',
      reference: { subjectId: 'sub-1', field: 'email', path: 'customer.email' },
    });
    const erased = [reported('NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY', ['customer.phone']), linked()];
    expect(template.contact(erased, 'sub-1', 'sms')).toEqual({ status: 'erased' });
  });
});
