import {
  NotifiableEvent,
  NotificationChannelName,
  NotificationRuleRegistry,
  RenderedNotice,
} from '@sportello/notifications';
import { ComplaintEvent } from '../domain/complaint.events';
import {
  COMPLAINT_ANSWERED_NOTICE,
  COMPLAINT_COMPLEXITY_NOTICE,
  COMPLAINT_FILED_NOTICE,
  complaintNotifications,
} from './complaint-notifications';

const complaintId = '01a20386-0000-7000-8000-00000000c001';
const stream = `complaint-${complaintId}`;
const customer = {
  subjectId: 'sub-1',
  customerType: 'residential' as const,
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  phone: '+39 333 1234567',
  email: 'maria.esposito@example.it',
  lineId: '0612345678',
};
const personal = [
  'Maria',
  'Esposito',
  'SPSMRA80A41F839Y',
  '333',
  'maria.esposito',
  '0612345678',
  'La linea cade',
  'Sostituito il modem',
  'Nessun disservizio',
  'LET-7',
  'Analisi del traffico',
];

let revision = 0;
function recorded(event: ComplaintEvent, masked: string[] = []): NotifiableEvent {
  return {
    id: `01a20386-0000-7000-8000-0000000000${String(revision).padStart(2, '0')}`,
    type: event.type,
    stream,
    revision: revision++,
    data: event.data,
    occurredAt: '2026-03-02T08:00:00.000Z',
    masked,
  };
}

const filedEvent = (c: object = customer): ComplaintEvent => ({
  type: 'ComplaintFiled',
  data: {
    complaintId,
    trackingCode: 'RC-2026-ABCD2345',
    operator: 'FASTWEB',
    policyVersion: 'FASTWEB@cds-2017',
    customer: c as typeof customer,
    channel: 'registered_letter',
    receivedAt: '2026-03-02T08:00:00.000Z',
    sentAt: null,
    category: 'service_quality',
    description: 'La linea cade ogni sera',
    invoice: null,
    billing: null,
    answerDueAt: '2026-04-16T21:59:59.999Z',
    answerDue: {
      rule: 'CMP-5',
      clause: 'FW-CDS §4.12',
      termDays: 45,
      dueDate: '2026-04-16',
      summary: '…',
    },
  },
});
const filed = recorded(filedEvent());
const complexity = recorded({
  type: 'ComplaintComplexityNoticeSent',
  data: {
    complaintId,
    subjectId: 'sub-1',
    noticedAt: '2026-04-01T08:00:00.000Z',
    progress: 'Analisi del traffico in corso',
    previousAnswerDueAt: '2026-04-16T21:59:59.999Z',
    answerDueAt: '2026-05-29T21:59:59.999Z',
  },
});
const upheld = recorded({
  type: 'ComplaintAnswered',
  data: {
    complaintId,
    subjectId: 'sub-1',
    outcome: 'upheld',
    answeredAt: '2026-04-10T08:00:00.000Z',
    answerDocument: null,
    measures: ['Sostituito il modem'],
    refundCents: 123456,
    paymentDueOn: null,
    answerDueAt: '2026-04-16T21:59:59.999Z',
    late: false,
  },
});
const rejected = recorded({
  type: 'ComplaintAnswered',
  data: {
    complaintId,
    subjectId: 'sub-1',
    outcome: 'rejected',
    answeredAt: '2026-04-10T08:00:00.000Z',
    answerDocument: { reference: 'LET-7', reasons: ['Nessun disservizio rilevato'] },
    measures: [],
    refundCents: null,
    paymentDueOn: '2026-05-04',
    answerDueAt: '2026-04-16T21:59:59.999Z',
    late: false,
  },
});
const ticket = [filed, complexity, upheld, rejected];

const registry = new NotificationRuleRegistry().register(complaintNotifications);

function render(
  source: NotifiableEvent,
  channel: NotificationChannelName,
  template = registry.noticesFor(source)[0].template,
): RenderedNotice {
  return registry.template(template).render({ source, ticket, channel });
}

const everyNotice = (): [string, RenderedNotice][] =>
  (['email', 'sms'] as const).flatMap((channel) =>
    [filed, complexity, upheld, rejected].map((source): [string, RenderedNotice] => [
      `${source.type}/${channel}`,
      render(source, channel),
    ]),
  );

describe('complaint notifications', () => {
  it('NTF-1, NTF-2: filing, complexity notice and answer each call for one notice, e-mail first then SMS', () => {
    expect([filed, complexity, upheld].map((e) => registry.noticesFor(e))).toEqual([
      [
        {
          template: COMPLAINT_FILED_NOTICE,
          channels: ['email', 'sms'],
          subjectId: 'sub-1',
          ticketStream: stream,
        },
      ],
      [
        {
          template: COMPLAINT_COMPLEXITY_NOTICE,
          channels: ['email', 'sms'],
          subjectId: 'sub-1',
          ticketStream: stream,
        },
      ],
      [
        {
          template: COMPLAINT_ANSWERED_NOTICE,
          channels: ['email', 'sms'],
          subjectId: 'sub-1',
          ticketStream: stream,
        },
      ],
    ]);
    expect(
      registry.noticesFor(recorded({ type: 'ComplaintClosed', data: { complaintId } })),
    ).toEqual([]);
  });

  it('CMP-2, NTF-1: the filing notice gives the tracking code and the answer date in Rome', () => {
    const email = render(filed, 'email');
    expect(email.subject).toBe('Reclamo registrato: codice RC-2026-ABCD2345');
    expect(email.text).toContain('RC-2026-ABCD2345');
    expect(email.text).toContain('entro il 16/04/2026');
    expect(render(filed, 'sms').text).toBe(
      'Reclamo registrato con codice RC-2026-ABCD2345. Risposta scritta entro il 16/04/2026.',
    );
  });

  it('CMP-7, NTF-2: the complexity notice says the investigation continues and gives the new date', () => {
    const email = render(complexity, 'email');
    expect(email.subject).toContain('RC-2026-ABCD2345');
    expect(email.text).toContain('verifiche più approfondite');
    expect(email.text).toContain('entro il 29/05/2026');
  });

  it('CMP-6, NTF-2: the answer notice gives the outcome and amounts; BIL-10 the date to pay by', () => {
    expect(render(upheld, 'email').text).toContain('è stato accolto');
    expect(render(upheld, 'email').text).toContain('1.234,56 €');
    expect(render(rejected, 'email').text).toContain('non è stato accolto');
    expect(render(rejected, 'email').text).toContain('entro il 04/05/2026');
    expect(render(rejected, 'sms').text).toBe(
      'Reclamo RC-2026-ABCD2345 non accolto. Importo contestato da pagare entro il 04/05/2026. Dettagli nella risposta scritta.',
    );
  });

  it('NTF-13: no rendered text carries personal data (name, fiscal code, contacts, free text)', () => {
    for (const [what, rendered] of everyNotice()) {
      for (const value of personal) {
        expect({ what, text: `${rendered.subject}\n${rendered.text}`.includes(value) }).toEqual({
          what,
          text: false,
        });
      }
    }
  });

  it('NTF-13: SMS texts are short (at most 160 characters)', () => {
    for (const [what, rendered] of everyNotice().filter(([w]) => w.endsWith('/sms')))
      expect({ what, long: rendered.text.length > 160 }).toEqual({ what, long: false });
  });

  it('NTF-11: the contact comes from the filing — e-mail for e-mail, phone for SMS — as a reference', () => {
    const template = registry.template(COMPLAINT_ANSWERED_NOTICE);
    expect(template.contact(ticket, 'sub-1', 'email')).toEqual({
      status: 'found',
      address: 'maria.esposito@example.it',
      reference: { subjectId: 'sub-1', field: 'email', eventId: filed.id, path: 'customer.email' },
    });
    expect(template.contact(ticket, 'sub-1', 'sms')).toMatchObject({
      status: 'found',
      address: '+39 333 1234567',
      reference: { field: 'phone', path: 'customer.phone' },
    });
    expect(template.contact(ticket, 'someone-else', 'email')).toEqual({ status: 'missing' });
  });

  it('NTF-11: no e-mail given → missing (SMS is next); PRV-13: an erased subject reads as erased', () => {
    const template = registry.template(COMPLAINT_FILED_NOTICE);
    const noEmail = [recorded(filedEvent({ ...customer, email: null }))];
    expect(template.contact(noEmail, 'sub-1', 'email')).toEqual({ status: 'missing' });
    expect(template.contact(noEmail, 'sub-1', 'sms').status).toBe('found');
    const erased = [
      recorded(
        filedEvent({ ...customer, email: '[erased]', phone: '[erased]', name: '[erased]' }),
        ['customer.name', 'customer.email', 'customer.phone'],
      ),
    ];
    expect(template.contact(erased, 'sub-1', 'email')).toEqual({ status: 'erased' });
    expect(template.contact(erased, 'sub-1', 'sms')).toEqual({ status: 'erased' });
  });
});
