import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { DirectoryEvent } from '../domain/directory.events';

/**
 * One row per directory-error ticket, for lists and the indemnity ledger. No personal data: the
 * customer, the line and both listings stay in the (sealed) stream; only the names of the wrong
 * fields are kept here.
 */
export const directoryErrorsProjection: Projection = {
  name: 'directory_errors',
  tables: ['directory_errors'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.directory_errors,
      `CREATE TABLE ${t.directory_errors} (
        error_id          uuid        PRIMARY KEY,
        reference         text        NOT NULL UNIQUE,
        operator          text        NOT NULL,
        policy_version    text        NOT NULL,
        status            text        NOT NULL,
        medium            text        NOT NULL,
        error_kind        text        NOT NULL,
        wrong_fields      text[]      NOT NULL,
        subject_id        text        NOT NULL,
        customer_type     text        NOT NULL,
        channel           text        NOT NULL,
        erroneous_since   text        NOT NULL,
        discovered_on     text        NOT NULL,
        reported_at       timestamptz NOT NULL,
        attributable      boolean,
        decided_at        timestamptz,
        indemnity_status  text,
        credited_cents    integer,
        reference_cents   integer,
        reference_years   integer,
        corrected_on      text,
        revision          integer     NOT NULL,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL
      )`,
      ['reported_at, error_id', 'operator, status', 'subject_id'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    if (!recorded.stream.startsWith('directory-error-')) return;
    const event = recorded as unknown as RecordedEvent & DirectoryEvent;
    const at = recorded.metadata.recordedAt;
    const touch = (set: string, values: unknown[] = []) =>
      db.query(
        `UPDATE ${t.directory_errors} SET ${set}, revision = $2, updated_at = $3 WHERE error_id = $1`,
        [event.data.errorId, recorded.revision, at, ...values],
      );
    switch (event.type) {
      case 'DirectoryErrorReported': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.directory_errors} (error_id, reference, operator, policy_version, status, medium, error_kind,
             wrong_fields, subject_id, customer_type, channel, erroneous_since, discovered_on, reported_at,
             revision, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
           ON CONFLICT (error_id) DO NOTHING`,
          [
            d.errorId,
            d.reference,
            d.operator,
            d.policyVersion,
            d.medium,
            d.errorKind,
            d.wrongFields,
            d.customer.subjectId,
            d.customer.customerType,
            d.channel,
            d.erroneousSince,
            d.discoveredOn,
            d.reportedAt,
            recorded.revision,
            at,
          ],
        );
        return;
      }
      case 'DirectoryErrorAttributionDecided':
        await touch(
          `attributable = $4, decided_at = $5,
           indemnity_status = CASE WHEN $4 THEN indemnity_status ELSE 'none' END`,
          [event.data.attributable, event.data.decidedAt],
        );
        return;
      case 'DirectoryErrorIndemnityAssessed':
        await touch(
          'indemnity_status = $4, credited_cents = $5, reference_cents = $6, reference_years = $7',
          [
            event.data.status,
            event.data.creditedCents,
            event.data.regulatoryReference.amountCents,
            event.data.regulatoryReference.years,
          ],
        );
        return;
      case 'DirectoryListingCorrected': {
        const reference = event.data.regulatoryReference;
        await touch(
          `status = 'corrected', corrected_on = $4,
           reference_cents = COALESCE($5, reference_cents), reference_years = COALESCE($6, reference_years)`,
          [event.data.correctedOn, reference?.amountCents ?? null, reference?.years ?? null],
        );
        return;
      }
      default:
        return;
    }
  },
};
