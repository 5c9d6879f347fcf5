import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { SubjectErased } from '../domain/data-subject.events';
import { operatorOfPolicyVersion, PrivacyPolicy, streamKindOf } from '../domain/privacy-policy';

export const SUBJECT_STREAMS_PROJECTION = 'subject_streams';

/**
 * Which streams concern each data subject, fed from the `subjectIds` every event's metadata
 * carries, so that an export or an erasure finds them by index, never by reading the whole log.
 * Per stream: its kind, operator, and when its ticket was closed (for retention). Per subject:
 * whether it was erased. Ids, kinds and times only: no personal data.
 */
export function subjectStreamsProjection(policy: PrivacyPolicy): Projection {
  return {
    name: SUBJECT_STREAMS_PROJECTION,
    tables: ['subject_streams', 'data_subjects'],

    async createTables(db, t) {
      await createTableOnce(
        db,
        t.subject_streams,
        `CREATE TABLE ${t.subject_streams} (
          subject_id     text        NOT NULL,
          stream         text        NOT NULL,
          kind           text,
          is_ticket      boolean     NOT NULL,
          operator       text,
          policy_version text,
          linked_at      timestamptz NOT NULL,
          closed_at      timestamptz,
          PRIMARY KEY (subject_id, stream)
        )`,
        ['stream'],
      );
      await createTableOnce(
        db,
        t.data_subjects,
        `CREATE TABLE ${t.data_subjects} (
          subject_id         text        PRIMARY KEY,
          first_seen_at      timestamptz NOT NULL,
          erased_at          timestamptz,
          erasure_request_id text
        )`,
        ['erased_at'],
      );
    },

    async apply(db: SqlExecutor, event: RecordedEvent, t) {
      const rule = streamKindOf(policy, event.stream);
      const at = event.metadata.occurredAt;
      const subjects = event.metadata.subjectIds ?? [];
      if (subjects.length) {
        await db.query(
          `INSERT INTO ${t.subject_streams}
             (subject_id, stream, kind, is_ticket, operator, policy_version, linked_at, closed_at)
           SELECT s, $2, $3, $4, $5, $6, $7,
                  (SELECT max(o.closed_at) FROM ${t.subject_streams} o WHERE o.stream = $2)
             FROM unnest($1::text[]) AS s
           ON CONFLICT (subject_id, stream) DO NOTHING`,
          [
            subjects,
            event.stream,
            rule?.kind ?? null,
            Boolean(rule?.closedBy),
            operatorOfPolicyVersion(event.metadata.policyVersion),
            event.metadata.policyVersion ?? null,
            at,
          ],
        );
        await db.query(
          `INSERT INTO ${t.data_subjects} (subject_id, first_seen_at)
           SELECT s, $2 FROM unnest($1::text[]) AS s ON CONFLICT (subject_id) DO NOTHING`,
          [subjects, at],
        );
      }
      if (rule?.closedBy?.includes(event.type))
        await db.query(`UPDATE ${t.subject_streams} SET closed_at = $2 WHERE stream = $1`, [
          event.stream,
          at,
        ]);
      if (rule?.reopenedBy.includes(event.type))
        await db.query(`UPDATE ${t.subject_streams} SET closed_at = NULL WHERE stream = $1`, [
          event.stream,
        ]);
      if (event.type === 'SubjectErased') {
        const data = event.data as SubjectErased['data'];
        await db.query(
          `UPDATE ${t.data_subjects} SET erased_at = $2, erasure_request_id = $3 WHERE subject_id = $1`,
          [data.subjectId, data.erasedAt, data.requestId],
        );
      }
    },
  };
}
