import { FoldedEvent } from '@sportello/decider';
import {
  BILLING_INCIDENT_NOTICE_TEMPLATE,
  BillingRecoveryEvent,
  CustomerType,
  NoticeSender,
} from './billing-recovery.events';
import { MissedCharge, RecoveryPlan } from './recovery-plan';

export type BillingRecoveryStatus = 'awaiting_notice' | 'notified' | 'recovering' | 'settled';

/** NTF-10: the SMS that must precede any recovery charge. */
export interface RecoveryNotice {
  source: NoticeSender;
  sentAt: string;
  reference: string | null;
}

export interface BilledCharge {
  invoiceNumber: string;
  billedOn: string;
}

export type BillingRecoveryState =
  | { status: 'none' }
  | {
      status: BillingRecoveryStatus;
      recoveryId: string;
      incidentId: string;
      operator: string;
      policyVersion: string;
      subjectId: string;
      customerType: CustomerType;
      serviceName: string;
      monthlyFeeCents: number;
      missed: MissedCharge[];
      arrearsCents: number;
      noticeBy: NoticeSender;
      notice: RecoveryNotice | null;
      plan: Omit<RecoveryPlan, 'clause'> | null;
      billed: Record<string, BilledCharge>;
    };

export type OpenRecovery = Exclude<BillingRecoveryState, { status: 'none' }>;

export const initialBillingRecoveryState = (): BillingRecoveryState => ({ status: 'none' });

export function evolveBillingRecovery(
  state: BillingRecoveryState,
  event: FoldedEvent<BillingRecoveryEvent>,
): BillingRecoveryState {
  if (event.type === 'AffectedCustomerAdded') {
    const d = event.data;
    return {
      status: 'awaiting_notice',
      recoveryId: d.recoveryId,
      incidentId: d.incidentId,
      operator: d.operator,
      policyVersion: d.policyVersion,
      subjectId: d.customer.subjectId,
      customerType: d.customer.customerType,
      serviceName: d.service.name,
      monthlyFeeCents: d.service.monthlyFeeCents,
      missed: d.missed,
      arrearsCents: d.arrearsCents,
      noticeBy: d.noticeBy,
      notice: null,
      plan: null,
      billed: {},
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CustomerNotified': {
      const d = event.data;
      // Only the NTF-10 SMS counts, and only the first notice: a later one changes no schedule.
      if (state.notice || d.template !== BILLING_INCIDENT_NOTICE_TEMPLATE || d.channel !== 'sms')
        return state;
      return {
        ...state,
        status: state.status === 'awaiting_notice' ? 'notified' : state.status,
        notice: { source: 'system', sentAt: d.sentAt, reference: d.providerMessageId },
      };
    }
    case 'RecoveryNoticeRecorded':
      if (state.notice) return state;
      return {
        ...state,
        status: state.status === 'awaiting_notice' ? 'notified' : state.status,
        notice: {
          source: 'outside_system',
          sentAt: event.data.sentAt,
          reference: event.data.smsReference,
        },
      };
    case 'RecoveryPlanIssued': {
      const {
        clause: _clause,
        recoveryId: _r,
        incidentId: _i,
        subjectId: _s,
        notice: _n,
        ...plan
      } = event.data;
      return { ...state, status: 'recovering', plan };
    }
    case 'RecoveryChargeBilled':
      return {
        ...state,
        billed: {
          ...state.billed,
          [event.data.chargeId]: {
            invoiceNumber: event.data.invoiceNumber,
            billedOn: event.data.billedOn,
          },
        },
      };
    case 'BillingRecoverySettled':
      return { ...state, status: 'settled' };
    case 'RecoveryNoticeRequested':
    case 'RegularChargesResumed':
      return state;
    default:
      return state;
  }
}
