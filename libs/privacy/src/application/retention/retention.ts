import { Clock } from '@sportello/clock';
import { DomainError } from '@sportello/decider';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { LegalHold } from '../../domain/data-subject.events';
import { PrivacyPolicy } from '../../domain/privacy-policy';
import { retentionVerdict } from '../../domain/retention';
import { Requester } from '../commands/privacy-commands';
import { SubjectErasure } from '../erasing/subject-erasure';

export interface RetentionReview {
  asOf: string;
  policyVersion: string;
  /** Operators whose retention period nobody has set: nothing is erased for them. */
  periodsNotSet: string[];
  eligible: { subjectId: string; since: string; streams: string[] }[];
  held: { subjectId: string; holds: LegalHold[] }[];
}

export interface RetentionRun extends RetentionReview {
  dryRun: false;
  erased: { subjectId: string; requestId: string }[];
  failed: { subjectId: string; reason: string }[];
}

const BATCH = 500;

/**
 * PRV-6, PRV-10: subjects whose tickets have all been closed for longer than their operator's
 * retention period, with no legal hold, are erased like on request (channel `retention`). The
 * read model proposes candidates by index; each one is then checked against the log itself.
 */
export class Retention {
  private readonly schema: string;

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
    private readonly erasure: SubjectErasure,
    private readonly policy: PrivacyPolicy,
    private readonly clock: Clock,
  ) {
    this.schema = assertSchemaName(schema);
  }

  /** The dry run: who would be erased now, and who is held and why. Changes nothing. */
  async review(limit = BATCH): Promise<RetentionReview> {
    const asOf = this.clock.now().toISOString();
    const periods = this.policy.profiles.filter((p) => p.retention.ticketHistory.days !== null);
    const review: RetentionReview = {
      asOf,
      policyVersion: this.policy.version,
      periodsNotSet: this.policy.profiles
        .filter((p) => p.retention.ticketHistory.days === null)
        .map((p) => p.operator),
      eligible: [],
      held: [],
    };
    if (periods.length === 0) return review;
    for (const subjectId of await this.candidates(periods, asOf, limit)) {
      const { facts, holds } = await this.erasure.review(subjectId);
      const verdict = retentionVerdict(this.policy, facts, holds, asOf);
      if (verdict.eligible)
        review.eligible.push({
          subjectId,
          since: verdict.since,
          streams: facts.map((f) => f.stream),
        });
      else if (holds.length) review.held.push({ subjectId, holds });
    }
    return review;
  }

  async run(as: Requester, limit = BATCH): Promise<RetentionRun> {
    const review = await this.review(limit);
    const run: RetentionRun = { ...review, dryRun: false, erased: [], failed: [] };
    for (const { subjectId } of review.eligible) {
      try {
        const { requestId } = await this.erasure.request(
          subjectId,
          { channel: 'retention', receivedAt: review.asOf, reference: null },
          as,
        );
        await this.erasure.execute(subjectId, requestId, as, 'retention');
        run.erased.push({ subjectId, requestId });
      } catch (error) {
        run.failed.push({
          subjectId,
          reason: error instanceof DomainError ? error.message : (error as Error).name,
        });
      }
    }
    return run;
  }

  private async candidates(
    periods: { operator: string; retention: { ticketHistory: { days: number | null } } }[],
    asOf: string,
    limit: number,
  ): Promise<string[]> {
    const S = this.schema;
    const { rows } = await this.db.query<{ subject_id: string }>(
      `WITH periods(operator, days) AS (SELECT * FROM unnest($1::text[], $2::int[]))
       SELECT d.subject_id FROM ${S}.data_subjects d
        WHERE d.erased_at IS NULL
          AND EXISTS (SELECT 1 FROM ${S}.subject_streams s WHERE s.subject_id = d.subject_id AND s.is_ticket)
          AND NOT EXISTS (
            SELECT 1 FROM ${S}.subject_streams s LEFT JOIN periods p ON p.operator = s.operator
             WHERE s.subject_id = d.subject_id
               AND (s.kind IS NULL
                    OR (s.is_ticket AND (s.closed_at IS NULL OR p.days IS NULL
                        OR s.closed_at + make_interval(days => p.days) > $3::timestamptz))))
        ORDER BY d.subject_id
        LIMIT $4`,
      [
        periods.map((p) => p.operator),
        periods.map((p) => p.retention.ticketHistory.days),
        asOf,
        limit,
      ],
    );
    return rows.map((r) => r.subject_id);
  }
}
