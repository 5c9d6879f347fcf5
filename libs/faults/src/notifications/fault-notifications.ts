import {
  contactAt,
  ContactLookup,
  NotifiableEvent,
  NotificationChannelName,
  NotificationRule,
  NotificationRuleSet,
  NotificationTemplate,
  RenderedNotice,
  romeDate,
} from '@sportello/notifications';
import { FaultLinkedToIncident, FaultReported } from '../domain/fault.events';

export const FAULT_OUTAGE_NOTICE = 'fault.outage-notice';

/** E-mail when the customer gave one, otherwise SMS (NTF-11: whichever contact they gave). */
const CHANNELS: readonly NotificationChannelName[] = ['email', 'sms'];

type Data<E extends { data: unknown }> = E['data'];

function reportOf(ticket: readonly NotifiableEvent[]): NotifiableEvent<Data<FaultReported>> {
  const reported = ticket.find((event) => event.type === 'FaultReported');
  if (!reported) throw new Error('The fault stream has no report');
  return reported as NotifiableEvent<Data<FaultReported>>;
}

function faultContact(
  ticket: readonly NotifiableEvent[],
  subjectId: string,
  channel: NotificationChannelName,
): ContactLookup {
  const reported = ticket.find(
    (event) =>
      event.type === 'FaultReported' &&
      (event.data as Data<FaultReported>).customer.subjectId === subjectId,
  );
  return channel === 'email'
    ? contactAt(reported, 'customer.email', 'email', subjectId)
    : contactAt(reported, 'customer.phone', 'phone', subjectId);
}

const ROME_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/** Hour terms (FLT-2) end at an instant, day terms (FLT-6) at the end of a day. */
function dueText(dueAt: string, termKind: Data<FaultReported>['term']['kind']): string {
  const date = romeDate(dueAt);
  return termKind === 'ELAPSED_HOURS'
    ? `${date} alle ${ROME_TIME.format(Date.parse(dueAt))}`
    : date;
}

const GUIDANCE = [
  'Non è necessario segnalare di nuovo il guasto: la sua segnalazione è già collegata.',
  'Lasci acceso e collegato il modem, così possiamo verificare la linea a distanza.',
];

/**
 * NTF-7, FLT-9: the customer's fault is part of a widespread outage: intervention times will be
 * longer; first guidance. The fault keeps its own deadline unless reclassified (FLT-8, FLT-10),
 * which the text says only when it still holds. Ids, dates and fixed text only (NTF-13).
 */
const outageNotice: NotificationTemplate = {
  name: FAULT_OUTAGE_NOTICE,
  contact: faultContact,
  render: ({ source, ticket, channel }): RenderedNotice => {
    const report = reportOf(ticket).data;
    const link = source.data as Data<FaultLinkedToIncident>;
    const reclassified = ticket.some((event) => event.type === 'FaultMarkedComplex');
    const due =
      link.repairDueAt && !reclassified
        ? [
            `La scadenza della sua segnalazione resta il ${dueText(link.repairDueAt, report.term.kind)}.`,
          ]
        : [];
    const facts = [
      `Segnalazione ${report.reference}: è in corso un guasto esteso nella sua zona, con molte segnalazioni contemporanee.`,
      'I tempi di intervento potranno essere più lunghi del solito.',
      ...due,
    ];
    if (channel === 'sms') return { subject: '', text: [...facts, GUIDANCE[0]].join(' ') };
    return {
      subject: `Segnalazione ${report.reference}: guasto esteso nella sua zona`,
      text: ['Gentile cliente,', '', ...facts, '', ...GUIDANCE, '', 'Servizio Clienti'].join('\n'),
    };
  },
};

const rules: NotificationRule[] = [
  {
    eventType: 'FaultLinkedToIncident',
    notices: (event) => [
      {
        template: FAULT_OUTAGE_NOTICE,
        channels: CHANNELS,
        subjectId: (event.data as Data<FaultLinkedToIncident>).subjectId,
        ticketStream: event.stream,
      },
    ],
  },
];

/** What faults ask the customer to be told (NTF-7). */
export const faultNotifications: NotificationRuleSet = {
  name: 'faults',
  rules,
  templates: [outageNotice],
};
