import { randomBytes } from 'node:crypto';
import { TestClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { createPrivacyTables } from '../../privacy.tables';
import { shippedPrivacyPolicy } from '../../testing/privacy-policy.fixture';
import { OTHER_SUBJECT } from '../../domain/personal-fields';
import { createSubjectExporter } from './create-subject-exporter';
import { renderExportPdf } from './export-pdf';

const clock = new TestClock('2026-05-19T12:00:00Z');
const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('exporter');
const storage = new PostgresEventStorage(db, schema);
const vault = new InMemoryKeyVault();
// The auditors' CLI may know no schema at all: which field is whose comes from the stored form.
const store = new SealingEventStore(
  storage,
  new EventSchemaRegistry().register({
    type: 'ComplaintFiled',
    version: 1,
    personal: [
      { subject: 'customer.subjectId', fields: ['customer.name', 'description'] },
      { each: 'involved', subject: 'subjectId', fields: ['name'] },
    ],
  }),
  new PersonalDataSealer(vault),
  clock,
);
const policy = shippedPrivacyPolicy();
const exporter = createSubjectExporter({
  db,
  schema,
  store,
  indexKey: randomBytes(32),
  policy,
  clock,
});

beforeAll(async () => {
  await storage.init();
  await createPrivacyTables(db, schema, policy);
  await store.append(
    'complaint-c1',
    [
      {
        type: 'ComplaintFiled',
        data: {
          complaintId: 'c1',
          channel: 'email',
          customer: { subjectId: 'maria', name: 'Maria Esposito' },
          involved: [{ subjectId: 'luca', name: 'Luca Bianchi' }],
          description: 'Mio figlio Luca non riesce a collegarsi',
        },
        metadata: {
          occurredAt: '2026-05-19T08:00:00Z',
          actor: { id: 'op-1', role: 'operator' },
          correlationId: 'c',
          policyVersion: 'PSA@cds',
        },
      },
    ],
    'no_stream',
  );
});
afterAll(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('SubjectExporter outside Nest (the auditors’ CLI)', () => {
  it('PRV-9: exports the subject’s data and origin, and nothing of the other subject', async () => {
    const doc = await exporter.export('maria', { audience: 'auditor' });
    expect(doc.personalData.map((p) => [p.category, p.value])).toEqual([
      ['name', 'Maria Esposito'],
      ['text', 'Mio figlio Luca non riesce a collegarsi'],
    ]);
    expect(doc.streams[0]).toMatchObject({
      stream: 'complaint-c1',
      kind: 'complaint',
      operator: 'PSA',
      origin: { channel: 'email', collectedBy: 'operator' },
    });
    expect(doc.streams[0].events[0].data).toMatchObject({
      involved: [{ subjectId: OTHER_SUBJECT, name: OTHER_SUBJECT }],
    });
    expect(JSON.stringify(doc)).not.toContain('Luca Bianchi');
    expect(doc.controllers).toEqual([
      expect.objectContaining({ operator: 'PSA', name: 'PSA s.r.l.' }),
    ]);
    const pdf = await renderExportPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('PRV-13: once the key is gone, the same export reads [erased]', async () => {
    await vault.destroy('maria');
    const doc = await exporter.export('maria');
    expect(doc.personalData.map((p) => p.value)).toEqual(['[erased]', '[erased]']);
    expect(doc.streams[0].events[0].erasedFields).toEqual(['customer.name', 'description']);
    expect(await exporter.exists('nobody')).toBe(false);
  });
});
