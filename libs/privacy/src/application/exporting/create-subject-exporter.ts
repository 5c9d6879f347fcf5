import { Clock, SystemClock } from '@sportello/clock';
import { SealingEventStore, SqlExecutor } from '@sportello/eventstore';
import { AccessLog } from '../../access/access-log';
import { PrivacyPolicy } from '../../domain/privacy-policy';
import { loadPrivacyPolicy, privacyPoliciesDirectory } from '../../policies/privacy-policy.loader';
import { BlindIndex } from '../../registry/blind-index';
import { SubjectRegistry } from '../../registry/subject-registry';
import { SubjectStreams } from '../records/subject-streams';
import { SubjectExporter } from './subject-exporter';

export interface StandaloneExporterOptions {
  db: SqlExecutor;
  schema: string;
  /** A store whose vault can open keys (or a locked one: everything then reads `[erased]`). */
  store: SealingEventStore;
  /** The blind-index key (`resolvePrivacyConfig(...).indexKey`): only to list the indexed kinds. */
  indexKey: Buffer;
  policy?: PrivacyPolicy;
  clock?: Clock;
}

/**
 * A `SubjectExporter` outside Nest (the auditors' CLI). Build the export with
 * `export(subjectId, { audience: 'auditor' })`; render it with `renderExportPdf`.
 */
export function createSubjectExporter(options: StandaloneExporterOptions): SubjectExporter {
  const clock = options.clock ?? new SystemClock();
  return new SubjectExporter({
    db: options.db,
    schema: options.schema,
    store: options.store,
    streams: new SubjectStreams(options.db, options.store, options.schema),
    registry: new SubjectRegistry(options.db, new BlindIndex(options.indexKey), options.schema),
    accessLog: new AccessLog(options.db, options.schema, clock),
    policy: options.policy ?? loadPrivacyPolicy(privacyPoliciesDirectory()),
    clock,
  });
}
