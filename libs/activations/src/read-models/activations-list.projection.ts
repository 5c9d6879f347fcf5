import {
  createTableOnce,
  Projection,
  RecordedEvent,
  createdThenTouched,
  rowFoldWriter,
} from '@sportello/eventstore';
import { ActivationEvent } from '../domain/activation.events';

/**
 * One row per activation or relocation request, for lists, dashboards and the deadline
 * reconciler. No personal data: the customer, the line, the address and every free text stay in
 * the (sealed) stream, read only when a detail is shown, so an erasure leaves nothing here.
 */
export const activationsListProjection: Projection = {
  name: 'activations_list',
  tables: ['activations'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.activations,
      `CREATE TABLE ${t.activations} (
        activation_id      uuid        PRIMARY KEY,
        reference          text        NOT NULL UNIQUE,
        operator           text        NOT NULL,
        policy_version     text        NOT NULL,
        status             text        NOT NULL,
        request_kind       text        NOT NULL,
        services           text[]      NOT NULL,
        access             text,
        channel            text        NOT NULL,
        subject_id         text        NOT NULL,
        customer_type      text        NOT NULL,
        received_at        timestamptz NOT NULL,
        term_category      text        NOT NULL,
        activation_due_at  timestamptz,
        due_date           text,
        due_status         text        NOT NULL,
        missed_due_at      timestamptz,
        technical_check    text,
        checked_at         timestamptz,
        paused             boolean     NOT NULL DEFAULT false,
        paused_since       timestamptz,
        pause_count        integer     NOT NULL DEFAULT 0,
        notice_count       integer     NOT NULL DEFAULT 0,
        announced_date     text,
        activated_at       timestamptz,
        on_time            boolean,
        delay_days         integer,
        indemnity_status   text,
        indemnity_basis    text,
        indemnity_cents    integer,
        cancel_reason      text,
        revision           integer     NOT NULL,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      [
        'status, activation_due_at, activation_id',
        'operator, received_at',
        'subject_id',
        'paused, status',
      ],
    );
  },

  needsPersonalData: false,
  ...rowFoldWriter({
    table: 'activations',
    key: { column: 'activation_id', type: 'uuid' },
    keyOf: (recorded) =>
      recorded.stream.startsWith('activation-') && ACTIVATION_EVENTS.has(recorded.type)
        ? (recorded.data as { activationId: string }).activationId
        : null,
    fold: (row, recorded) => foldActivationRow(row, recorded as RecordedEvent & ActivationEvent),
  }),
};

const ACTIVATION_EVENTS: ReadonlySet<string> = new Set<ActivationEvent['type']>([
  'ActivationRequested',
  'TechnicalCheckRecorded',
  'ActivationClockPaused',
  'ActivationClockResumed',
  'ActivationDelayNotified',
  'ActivationDeadlineMissed',
  'ServiceActivated',
  'ActivationIndemnityAssessed',
  'IndemnityClaimRecorded',
  'ActivationRequestCancelled',
  'ActivationLatePauseApproved',
  'ActivationSupplementaryIndemnityAssessmentRequested',
]);

/** The deadline columns as an event carrying a recomputed deadline sets them. */
const deadline = (data: {
  activationDueAt: string | null;
  activationDue: { status: string; dueDate: string | null };
}) => ({
  activation_due_at: data.activationDueAt,
  due_date: data.activationDue.dueDate,
  due_status: data.activationDue.status,
});

/** The request's row after one of its events; a request seen twice keeps the first. */
const foldActivationRow = createdThenTouched<
  RecordedEvent & ActivationEvent,
  'ActivationRequested'
>({
  createdBy: 'ActivationRequested',
  create: (event, at) => {
    const d = event.data;
    return {
      activation_id: d.activationId,
      reference: d.reference,
      operator: d.operator,
      policy_version: d.policyVersion,
      status: 'requested',
      request_kind: d.requestKind,
      services: d.services,
      access: d.access,
      channel: d.channel,
      subject_id: d.customer.subjectId,
      customer_type: d.customer.customerType,
      received_at: d.receivedAt,
      term_category: d.term.category,
      activation_due_at: d.activationDueAt,
      due_date: d.activationDue.dueDate,
      due_status: d.activationDue.status,
      missed_due_at: null,
      technical_check: null,
      checked_at: null,
      paused: false,
      paused_since: null,
      pause_count: 0,
      notice_count: 0,
      announced_date: null,
      activated_at: null,
      on_time: null,
      delay_days: null,
      indemnity_status: null,
      indemnity_basis: null,
      indemnity_cents: null,
      cancel_reason: null,
      revision: event.revision,
      created_at: at,
      updated_at: at,
    };
  },
  touch: (touched, event) => {
    switch (event.type) {
      case 'TechnicalCheckRecorded':
        return {
          ...touched,
          ...deadline(event.data),
          technical_check: event.data.outcome,
          checked_at: event.data.checkedAt,
          status: event.data.outcome === 'negative' ? 'not_feasible' : touched.status,
        };
      case 'ActivationClockPaused': {
        const running = event.data.pause.to === null;
        return {
          ...touched,
          ...deadline(event.data),
          pause_count: Number(touched.pause_count) + 1,
          paused: touched.paused === true || running,
          paused_since: running ? event.data.pause.from : touched.paused_since,
        };
      }
      case 'ActivationClockResumed':
        return { ...touched, ...deadline(event.data), paused: false, paused_since: null };
      case 'ActivationDelayNotified':
        return {
          ...touched,
          ...deadline(event.data),
          notice_count: Number(touched.notice_count) + 1,
          announced_date: event.data.exemption.applies
            ? event.data.newActivationDate
            : touched.announced_date,
        };
      case 'ActivationDeadlineMissed':
        return { ...touched, missed_due_at: event.data.activationDueAt };
      case 'ServiceActivated':
        return {
          ...touched,
          status: 'activated',
          activated_at: event.data.activatedAt,
          on_time: event.data.onTime,
          delay_days: event.data.delay.days,
          activation_due_at: event.data.activationDueAt,
          due_date: event.data.dueDate,
          paused: false,
          paused_since: null,
        };
      case 'ActivationIndemnityAssessed':
        return {
          ...touched,
          indemnity_status: event.data.status,
          indemnity_basis: event.data.credit.basis,
          indemnity_cents: event.data.credit.amountCents,
        };
      case 'IndemnityClaimRecorded':
        return { ...touched, indemnity_status: 'due' };
      case 'ActivationRequestCancelled':
        return {
          ...touched,
          status: 'cancelled',
          cancel_reason: event.data.reason,
          paused: false,
          paused_since: null,
        };
      default:
        // A late pause approved, a supplementary assessment requested: only the revision moves.
        return touched;
    }
  },
});
