import {
  contactAt,
  ContactLookup,
  euros,
  italianDate,
  NotifiableEvent,
  NotificationChannelName,
  NotificationRule,
  NotificationRuleSet,
  NotificationTemplate,
  RenderContext,
  RenderedNotice,
  romeDate,
} from '@sportello/notifications';
import {
  ComplaintAnswered,
  ComplaintComplexityNoticeSent,
  ComplaintFiled,
} from '../domain/complaint.events';

export const COMPLAINT_FILED_NOTICE = 'complaint.filed';
export const COMPLAINT_COMPLEXITY_NOTICE = 'complaint.complexity-notice';
export const COMPLAINT_ANSWERED_NOTICE = 'complaint.answered';

/** E-mail when the customer gave one, otherwise SMS (NTF-11: whichever contact they gave). */
const CHANNELS: readonly NotificationChannelName[] = ['email', 'sms'];

type Data<E extends { data: unknown }> = E['data'];

function filingOf(ticket: readonly NotifiableEvent[]): NotifiableEvent<Data<ComplaintFiled>> {
  const filed = ticket.find((event) => event.type === 'ComplaintFiled');
  if (!filed) throw new Error('The complaint stream has no filing');
  return filed as NotifiableEvent<Data<ComplaintFiled>>;
}

/** The contact the customer gave when filing: e-mail for e-mail, phone for SMS. */
function complaintContact(
  ticket: readonly NotifiableEvent[],
  subjectId: string,
  channel: NotificationChannelName,
): ContactLookup {
  const filed = ticket.find(
    (event) =>
      event.type === 'ComplaintFiled' &&
      (event.data as Data<ComplaintFiled>).customer.subjectId === subjectId,
  );
  return channel === 'email'
    ? contactAt(filed, 'customer.email', 'email', subjectId)
    : contactAt(filed, 'customer.phone', 'phone', subjectId);
}

/** E-mail gets a greeting and a closing line; SMS only the facts. */
function notice(
  channel: NotificationChannelName,
  subject: string,
  lines: string[],
): RenderedNotice {
  if (channel === 'sms') return { subject, text: lines.join(' ') };
  return {
    subject,
    text: ['Gentile cliente,', '', ...lines, '', 'Servizio Clienti'].join('\n'),
  };
}

function template(
  name: string,
  render: (context: RenderContext, trackingCode: string) => RenderedNotice,
): NotificationTemplate {
  return {
    name,
    contact: complaintContact,
    render: (context) => render(context, filingOf(context.ticket).data.trackingCode),
  };
}

/** CMP-2, NTF-1: the tracking code at filing, with the answer deadline (CMP-5). */
const filedTemplate = template(COMPLAINT_FILED_NOTICE, ({ source, channel }, code) => {
  const filed = source.data as Data<ComplaintFiled>;
  const due = romeDate(filed.answerDueAt);
  return channel === 'sms'
    ? notice(channel, '', [
        `Reclamo registrato con codice ${code}. Risposta scritta entro il ${due}.`,
      ])
    : notice(channel, `Reclamo registrato: codice ${code}`, [
        `abbiamo registrato il suo reclamo con il codice ${code}.`,
        'Con questo codice può seguirne lo stato in ogni momento.',
        `Le risponderemo per iscritto entro il ${due}.`,
      ]);
});

/** CMP-7, NTF-2: the investigation is in progress and the time it needs. */
const complexityTemplate = template(COMPLAINT_COMPLEXITY_NOTICE, ({ source, channel }, code) => {
  const due = romeDate((source.data as Data<ComplaintComplexityNoticeSent>).answerDueAt);
  return channel === 'sms'
    ? notice(channel, '', [
        `Reclamo ${code}: verifiche in corso. Risposta scritta entro il ${due}.`,
      ])
    : notice(channel, `Reclamo ${code}: verifiche in corso`, [
        `il suo reclamo ${code} richiede verifiche più approfondite, che sono in corso.`,
        `Le risponderemo per iscritto entro il ${due}.`,
      ]);
});

/** NTF-2, CMP-6: the outcome; the measures and reasons are in the written answer itself. */
const answeredTemplate = template(COMPLAINT_ANSWERED_NOTICE, ({ source, channel }, code) => {
  const answer = source.data as Data<ComplaintAnswered>;
  const refund = answer.refundCents ? euros(answer.refundCents) : null;
  // BIL-10: a rejected billing complaint states the date by which the contested sum is due.
  const payBy = answer.paymentDueOn ? italianDate(answer.paymentDueOn) : null;
  if (channel === 'sms') {
    return notice(channel, '', [
      answer.outcome === 'upheld' ? `Reclamo ${code} accolto.` : `Reclamo ${code} non accolto.`,
      ...(refund ? [`Rimborso di ${refund} sul prossimo conto.`] : []),
      ...(payBy ? [`Importo contestato da pagare entro il ${payBy}.`] : []),
      'Dettagli nella risposta scritta.',
    ]);
  }
  const lines =
    answer.outcome === 'upheld'
      ? [
          `il suo reclamo ${code} è stato accolto.`,
          ...(refund ? [`Le rimborseremo ${refund} sul prossimo conto.`] : []),
          'Trova le misure adottate nella risposta scritta che le abbiamo inviato.',
        ]
      : [
          `il suo reclamo ${code} non è stato accolto.`,
          'Trova le motivazioni nella risposta scritta che le abbiamo inviato.',
          ...(payBy ? [`L'importo contestato va pagato entro il ${payBy}.`] : []),
        ];
  return notice(channel, `Esito del reclamo ${code}`, lines);
});

const rules: NotificationRule[] = [
  {
    eventType: 'ComplaintFiled',
    notices: (event) => [
      {
        template: COMPLAINT_FILED_NOTICE,
        channels: CHANNELS,
        subjectId: (event.data as Data<ComplaintFiled>).customer.subjectId,
        ticketStream: event.stream,
      },
    ],
  },
  {
    eventType: 'ComplaintComplexityNoticeSent',
    notices: (event) => [
      {
        template: COMPLAINT_COMPLEXITY_NOTICE,
        channels: CHANNELS,
        subjectId: (event.data as Data<ComplaintComplexityNoticeSent>).subjectId,
        ticketStream: event.stream,
      },
    ],
  },
  {
    eventType: 'ComplaintAnswered',
    notices: (event) => [
      {
        template: COMPLAINT_ANSWERED_NOTICE,
        channels: CHANNELS,
        subjectId: (event.data as Data<ComplaintAnswered>).subjectId,
        ticketStream: event.stream,
      },
    ],
  },
];

/** What the complaints ask the customer to be told (NTF-1, NTF-2). */
export const complaintNotifications: NotificationRuleSet = {
  name: 'complaints',
  rules,
  templates: [filedTemplate, complexityTemplate, answeredTemplate],
};
