import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { AssistanceEvent } from '../domain/assistance.events';

/**
 * The assistance read model: one row per ticket, one per consent-backed session (for the expiry
 * timers), one per recorded refusal (for supervisors). No personal data: names, contacts and
 * free text are read from the (sealed) stream when a ticket is shown, so erasure leaves nothing
 * to scrub here.
 */
export const assistanceTicketsProjection: Projection = {
  name: 'assistance_tickets',
  tables: ['assistance_tickets', 'assistance_sessions', 'assistance_conduct_alerts'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.assistance_tickets,
      `CREATE TABLE ${t.assistance_tickets} (
        ticket_id          uuid        PRIMARY KEY,
        reference          text        NOT NULL UNIQUE,
        operator           text        NOT NULL,
        policy_version     text        NOT NULL,
        status             text        NOT NULL,
        problem_category   text        NOT NULL,
        platform           text,
        channel            text        NOT NULL,
        caller_subject_id  text        NOT NULL,
        linked_kind        text,
        linked_id          uuid,
        opened_at          timestamptz NOT NULL,
        closed_at          timestamptz,
        reopened           integer     NOT NULL DEFAULT 0,
        live_sessions      integer     NOT NULL DEFAULT 0,
        revision           integer     NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      ['status, opened_at, ticket_id', 'operator, opened_at', 'caller_subject_id'],
    );
    await createTableOnce(
      db,
      t.assistance_sessions,
      `CREATE TABLE ${t.assistance_sessions} (
        session_id   uuid        PRIMARY KEY,
        ticket_id    uuid        NOT NULL,
        kind         text        NOT NULL,
        status       text        NOT NULL,
        consent_id   uuid,
        started_at   timestamptz,
        expires_at   timestamptz,
        ended_at     timestamptz
      )`,
      ['status, expires_at', 'ticket_id'],
    );
    await createTableOnce(
      db,
      t.assistance_conduct_alerts,
      `CREATE TABLE ${t.assistance_conduct_alerts} (
        event_id     uuid        PRIMARY KEY,
        ticket_id    uuid        NOT NULL,
        event_type   text        NOT NULL,
        rule_id      text        NOT NULL,
        attempted    text        NOT NULL,
        actor_id     text        NOT NULL,
        occurred_at  timestamptz NOT NULL
      )`,
      ['occurred_at, event_id', 'ticket_id'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    const event = recorded as unknown as RecordedEvent & AssistanceEvent;
    const at = recorded.metadata.recordedAt;
    const ticketId = (event.data as { ticketId?: string }).ticketId;
    const touch = (set: string, values: unknown[]) =>
      db.query(
        `UPDATE ${t.assistance_tickets} SET ${set}, revision = $2, updated_at = $3 WHERE ticket_id = $1`,
        [ticketId, recorded.revision, at, ...values],
      );
    const session = (set: string, values: unknown[]) =>
      db.query(`UPDATE ${t.assistance_sessions} SET ${set} WHERE session_id = $1`, [
        (event.data as { sessionId: string }).sessionId,
        ...values,
      ]);
    const alert = (ruleId: string, attempted: string) =>
      db.query(
        `INSERT INTO ${t.assistance_conduct_alerts} (event_id, ticket_id, event_type, rule_id, attempted, actor_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
        [
          recorded.id,
          ticketId,
          event.type,
          ruleId,
          attempted,
          recorded.metadata.actor.id,
          recorded.metadata.occurredAt,
        ],
      );
    switch (event.type) {
      case 'AssistanceTicketOpened': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.assistance_tickets} (ticket_id, reference, operator, policy_version, status, problem_category,
             platform, channel, caller_subject_id, linked_kind, linked_id, opened_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (ticket_id) DO NOTHING`,
          [
            d.ticketId,
            d.reference,
            d.operator,
            d.policyVersion,
            d.problem.category,
            d.problem.platform,
            d.channel,
            d.caller.subjectId,
            d.linkedTo?.kind ?? null,
            d.linkedTo?.id ?? null,
            d.openedAt,
            recorded.revision,
            at,
          ],
        );
        return;
      }
      case 'ImpersonationSessionStarted':
      case 'RemoteAssistanceSessionStarted': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.assistance_sessions} (session_id, ticket_id, kind, status, consent_id, started_at, expires_at)
           VALUES ($1, $2, $3, 'active', $4, $5, $6) ON CONFLICT (session_id) DO NOTHING`,
          [
            d.sessionId,
            d.ticketId,
            event.type === 'ImpersonationSessionStarted' ? 'impersonation' : 'remote_assistance',
            d.consentId,
            d.startedAt,
            d.expiresAt,
          ],
        );
        await touch('live_sessions = live_sessions + 1', []);
        return;
      }
      case 'ImpersonationSessionEnded':
      case 'RemoteAssistanceSessionEnded':
        await session(`status = 'ended', ended_at = $2`, [event.data.endedAt]);
        await touch('live_sessions = GREATEST(live_sessions - 1, 0)', []);
        return;
      case 'ImpersonationSessionExpired':
      case 'RemoteAssistanceSessionExpired':
        await session(`status = 'expired', ended_at = $2`, [event.data.expiredAt]);
        await touch('live_sessions = GREATEST(live_sessions - 1, 0)', []);
        return;
      case 'AssistanceTicketClosed':
        await touch(`status = 'closed', closed_at = $4`, [event.data.closedAt]);
        return;
      case 'AssistanceTicketReopened':
        await touch(`status = 'open', closed_at = NULL, reopened = reopened + 1`, []);
        return;
      case 'ProhibitedDataRequestBlocked':
        await alert(event.data.ruleId, event.data.kind);
        return;
      case 'ImpersonationActionBlocked':
        await alert(event.data.ruleId, event.data.attempted);
        return;
      case 'ImpersonationRefused':
        await alert(event.data.ruleId, 'impersonation');
        return;
      case 'ImpersonationTokenRefused':
        await alert(event.data.ruleId, event.data.refusal);
        return;
      default:
        if (ticketId && recorded.stream.startsWith('assistance-'))
          await touch('status = status', []);
        return;
    }
  },
};
