import {
  contactAt,
  euros,
  NotifiableEvent,
  NotificationRuleSet,
  NotificationTemplate,
} from '@sportello/notifications';
import { comparePeriods, italianMonthName } from '../domain/billing-period';
import {
  BILLING_INCIDENT_NOTICE_TEMPLATE,
  RecoveryNoticeRequested,
} from '../domain/billing-recovery.events';

/** `febbraio, marzo e aprile 2026`; `dicembre 2025, gennaio e febbraio 2026`. */
export function italianMonthList(periods: string[]): string {
  const byYear = new Map<string, string[]>();
  for (const period of [...periods].sort(comparePeriods)) {
    const [month, year] = italianMonthName(period).split(' ');
    byYear.set(year, [...(byYear.get(year) ?? []), month]);
  }
  const groups = [...byYear].map(([year, months]) =>
    months.length === 1
      ? `${months[0]} ${year}`
      : `${months.slice(0, -1).join(', ')} e ${months[months.length - 1]} ${year}`,
  );
  return groups.join(', ');
}

const notice: NotificationTemplate = {
  name: BILLING_INCIDENT_NOTICE_TEMPLATE,

  contact(ticket, subjectId, channel) {
    if (channel !== 'sms') return { status: 'missing' };
    const added = ticket.find(
      (e) =>
        e.type === 'AffectedCustomerAdded' &&
        (e.data as { customer?: { subjectId?: string } }).customer?.subjectId === subjectId,
    );
    return contactAt(added, 'customer.phone', 'phone', subjectId);
  },

  // NTF-10: the cause, the resumption of regular charges and the recovery schedule; figures only.
  render({ source }) {
    if (source.type !== 'RecoveryNoticeRequested')
      throw new Error(`${BILLING_INCIDENT_NOTICE_TEMPLATE} renders RecoveryNoticeRequested only`);
    const d = (source as NotifiableEvent<RecoveryNoticeRequested['data']>).data;
    const text =
      `Gentile cliente, a causa di un problema tecnico (${d.cause}), nei mesi di ` +
      `${italianMonthList(d.missedPeriods)} i costi della tua offerta ${d.serviceName} non sono ` +
      `stati addebitati. Dal mese in corso gli addebiti mensili riprenderanno regolarmente. ` +
      `Il costo di rinnovo dei mesi precedenti (${euros(d.monthlyFeeCents)} al mese, totale ` +
      `${euros(d.arrearsCents)}) ti sarà addebitato ogni ${d.recoveryStepDays} giorni, a partire ` +
      `dal mese prossimo e sino al saldo del pregresso. Ci scusiamo per il disagio.`;
    return { subject: `Offerta ${d.serviceName}: recupero dei canoni non addebitati`, text };
  },
};

/**
 * NTF-10: `RecoveryNoticeRequested` on a customer's recovery stream calls for the
 * `billing-incident.notice` SMS to the phone sealed in that stream's `AffectedCustomerAdded`;
 * the outbox then appends `CustomerNotified` there, and the recovery plan follows (BIL-15).
 */
export const billingIncidentNotifications: NotificationRuleSet = {
  name: 'billing-incidents',
  rules: [
    {
      eventType: 'RecoveryNoticeRequested',
      notices: (event) => {
        const d = event.data as RecoveryNoticeRequested['data'];
        return [
          {
            template: BILLING_INCIDENT_NOTICE_TEMPLATE,
            channels: ['sms'],
            subjectId: d.subjectId,
            ticketStream: event.stream,
          },
        ];
      },
    },
  ],
  templates: [notice],
};
