import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigurationError } from '@sportello/platform';
import {
  createSubjectExporter,
  loadPrivacyPolicy,
  renderExportPdf,
  resolvePrivacyConfig,
  SubjectExport,
} from '@sportello/privacy';
import {
  AuditCliError,
  AuditContext,
  ConnectionOptions,
  viewOf,
  withAudit,
  withConnection,
} from './audit-context';
import { emit } from './output';

interface ExportOptions extends ConnectionOptions {
  out?: string;
  pdf?: string;
  reason?: string;
  actor?: string;
}

/** The blind-index key and policy the service uses (only to list the indexed identifier kinds). */
function privacyConfig() {
  try {
    return resolvePrivacyConfig(process.env, {
      env: process.env.NODE_ENV === 'production' ? 'production' : 'development',
      keyVault: { masterKey: process.env.KEY_VAULT_MASTER_KEY ?? '', generated: false },
    });
  } catch (error) {
    if (error instanceof ConfigurationError)
      throw new AuditCliError(error.problems.map((p) => `${p.variable} ${p.message}`).join('; '));
    throw error;
  }
}

function write(path: string, bytes: Buffer): string {
  try {
    writeFileSync(path, bytes);
  } catch {
    throw new AuditCliError(`Cannot write ${path}`);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

async function build(context: AuditContext, subjectId: string): Promise<SubjectExport> {
  const config = privacyConfig();
  const exporter = createSubjectExporter({
    db: context.db,
    schema: context.schema,
    store: context.store,
    indexKey: config.indexKey,
    policy: loadPrivacyPolicy(config.policiesDir),
  });
  if (!(await exporter.exists(subjectId)))
    throw new AuditCliError(`Nothing is held about data subject ${subjectId}`);
  return exporter.export(subjectId, { audience: 'auditor' });
}

/**
 * Everything held about one data subject, as the log has it (PRV-9, audience `auditor`): JSON and
 * PDF. The personal data are in clear, so the access is recorded first, with its reason (PRV-1).
 */
export function exportCommand(): Command {
  return withConnection(new Command('export'))
    .description('Export everything held about a data subject (JSON, and PDF with --pdf)')
    .argument('<subject-id>', 'the data subject id')
    .option('--out <file>', 'write the JSON export to this file instead of stdout')
    .option('--pdf <file>', 'also write the human-readable PDF to this file')
    .option('--reason <text>', 'why the personal data must be seen (no personal data in it)')
    .option('--actor <id>', 'the auditor’s id, recorded with the access')
    .action((subjectId: string, options: ExportOptions) =>
      withAudit(options, async (context) => {
        if (!options.actor) throw new AuditCliError('export needs --actor <your auditor id>');
        if (!process.env.KEY_VAULT_MASTER_KEY)
          throw new AuditCliError('export needs KEY_VAULT_MASTER_KEY to open personal data');
        const view = viewOf(context, { ...options, unmask: true });
        if (view.kind !== 'unmasked') throw new AuditCliError('The export needs an unmasked view');
        const doc = await build(context, subjectId);
        await view.record({
          reason: view.reason,
          scope: { kind: 'subject-export', subjectId },
          subjectIds: doc.status === 'erased' ? [] : [subjectId],
          eventIds: doc.streams.flatMap((s) => s.events.map((e) => e.eventId)),
        });
        const pdf = options.pdf ? write(options.pdf, await renderExportPdf(doc)) : null;
        if (!options.out) {
          emit(options.json, doc, () => JSON.stringify(doc, null, 2));
          return;
        }
        const json = write(options.out, Buffer.from(`${JSON.stringify(doc, null, 2)}\n`));
        const summary = {
          subjectId,
          status: doc.status,
          audience: doc.audience,
          generatedAt: doc.generatedAt,
          counts: doc.counts,
          files: [
            { format: 'json', path: options.out, sha256: json },
            ...(pdf ? [{ format: 'pdf', path: options.pdf, sha256: pdf }] : []),
          ],
        };
        emit(
          options.json,
          summary,
          () =>
            `Exported data subject ${subjectId} (${doc.status}): ${doc.counts.streams} streams, ${doc.counts.events} events, ${doc.counts.personalFields} personal fields → ${summary.files.map((f) => f.path).join(', ')}`,
        );
      }),
    );
}
