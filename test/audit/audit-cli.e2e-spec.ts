import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCatalog } from '@sportello/audit';
import { cliAuditCatalog } from '../../apps/cli/src/audit/cli-audit-catalog';
import { BootedApp, bootApp } from '../support/boot-app';
import { cleanEnvironment, spawnEntryPoint } from '../support/spawn-process';
import {
  closeTestInfrastructure,
  TEST_DATABASE_URL,
  TEST_MASTER_KEY,
  testDatabase,
} from '../support/test-infrastructure';
import { AuditedStore, buildAuditedStore, eventually, PERSONAL } from './audited-store';

// Each run of the CLI compiles it on the fly: a few seconds apiece.
jest.setTimeout(240_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as JSON lines. */
  lines: Record<string, unknown>[];
}

describe('the audit CLI against the database (npm run audit -- …)', () => {
  let booted: BootedApp;
  let store: AuditedStore;
  let dir: string;

  beforeAll(async () => {
    booted = await bootApp();
    store = await buildAuditedStore(booted);
    dir = mkdtempSync(join(tmpdir(), 'sportello-audit-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await booted.teardown();
    await closeTestInfrastructure();
  });

  async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
    const run = spawnEntryPoint(
      'apps/cli/src/main.ts',
      [...args, '--database-url', TEST_DATABASE_URL, '--schema', booted.schema],
      cleanEnvironment(env),
    );
    const { code } = await run.exited;
    const stdout = run.stdout();
    const lines = args.includes('--json')
      ? stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      : [];
    return { code, stdout, stderr: run.stderr(), lines };
  }
  const sql = <R extends object>(text: string, params: unknown[] = []) =>
    testDatabase()
      .query<R>(text.replace(/\{S\}/g, booted.schema), params)
      .then((r) => r.rows);
  const eventCount = async () =>
    Number((await sql<{ n: string }>('SELECT count(*) AS n FROM {S}.events'))[0].n);
  const complaintStream = () => `complaint-${store.complaintId}`;

  it('knows the same ticket kinds and read models as the application', () => {
    expect(cliAuditCatalog().describe()).toEqual(booted.app.get(AuditCatalog).describe());
  });

  it('verify --json: the whole store in one streaming pass, chain intact', async () => {
    const total = await eventCount();
    const run = await cli(['verify', '--json', '--batch-size', '7']);
    expect(run.code).toBe(0);
    // Notices may still be landing: at least what was there a moment ago.
    expect(run.lines).toEqual([
      expect.objectContaining({ scope: 'store', ok: true, firstBreak: null }),
    ]);
    expect(run.lines[0].eventsChecked).toBeGreaterThanOrEqual(total);
    expect(run.lines[0].streamsChecked).toBeGreaterThanOrEqual(6);
    expect(run.lines[0].eventsPerSecond).toEqual(expect.any(Number));
  });

  it('replay --json: every event of the log, one per line, personal data masked', async () => {
    const total = await eventCount();
    const run = await cli(['replay', '--json', '--page-size', '5']);
    expect(run.code).toBe(0);
    expect(run.lines.length).toBeGreaterThanOrEqual(total);
    expect(new Set(run.lines.map((e) => e.id)).size).toBe(run.lines.length);
    for (const name of PERSONAL) expect(run.stdout).not.toContain(name);
    const filed = run.lines.find((e) => e.type === 'ComplaintFiled')!;
    expect(filed).toMatchObject({
      stream: complaintStream(),
      data: { customer: { name: '[masked]' } },
      metadata: { actor: { id: 'op-1', role: 'operator' } },
    });
    const one = await cli(['replay', complaintStream(), '--json', '--max', '1']);
    expect(one.lines).toEqual([expect.objectContaining({ revision: 0, type: 'ComplaintFiled' })]);
  });

  it('replay --unmask: refused without a reason; with one, shows the data and records the access', async () => {
    const env = { KEY_VAULT_MASTER_KEY: TEST_MASTER_KEY };
    const refused = await cli(
      ['replay', complaintStream(), '--json', '--unmask', '--actor', 'aud-9'],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('reason');
    const reason = 'Ispezione interna n. 7 del 2026';
    const clear = await cli(
      [
        'replay',
        complaintStream(),
        '--json',
        '--max',
        '1',
        '--unmask',
        '--reason',
        reason,
        '--actor',
        'aud-9',
      ],
      env,
    );
    expect(clear.code).toBe(0);
    expect(clear.lines[0]).toMatchObject({ data: { customer: { name: 'Maria Esposito' } } });
    const accesses = await sql<{
      data: { auditorId: string; reason: string; subjectIds: string[] };
    }>(`SELECT data::jsonb AS data FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'`);
    expect(accesses.map((a) => a.data)).toEqual([
      expect.objectContaining({ auditorId: 'aud-9', reason, subjectIds: [store.subjectId] }),
    ]);
    const noKey = await cli([
      'replay',
      complaintStream(),
      '--unmask',
      '--reason',
      reason,
      '--actor',
      'a',
    ]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('KEY_VAULT_MASTER_KEY');
  });

  it('export: everything held about a data subject as JSON and PDF, for an auditor who says why, recorded', async () => {
    const env = { KEY_VAULT_MASTER_KEY: TEST_MASTER_KEY };
    const reason = 'Verifica reclamo n. 12 del 2026';
    const who = ['--actor', 'aud-7'];
    const before = await sql(
      `SELECT 1 FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'`,
    );

    const noReason = await cli(['export', store.subjectId, '--json', ...who], env);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('reason');
    const noKey = await cli(['export', store.subjectId, '--reason', reason, ...who]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('KEY_VAULT_MASTER_KEY');
    const unknown = await cli(
      ['export', '01970000-0000-7000-8000-000000000000', '--reason', reason, ...who],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Nothing is held');
    expect(
      await sql(`SELECT 1 FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'`),
    ).toHaveLength(before.length);

    const piped = await cli(['export', store.subjectId, '--json', '--reason', reason, ...who], env);
    expect(piped.code).toBe(0);
    expect(piped.lines).toHaveLength(1);
    const doc = piped.lines[0] as {
      subjectId: string;
      audience: string;
      status: string;
      streams: { stream: string; kind: string | null }[];
      personalData: { value: unknown; stream: string }[];
    };
    expect(doc).toMatchObject({
      format: 'sportello.subject-export',
      subjectId: store.subjectId,
      audience: 'auditor',
      status: 'active',
    });
    // One person across tickets: her complaint, billing account and activation.
    expect(doc.streams.map((s) => [s.stream, s.kind])).toEqual(
      expect.arrayContaining([
        [complaintStream(), 'complaint'],
        [`billing-account-${store.accountId}`, 'billing-account'],
        [`activation-${store.activationId}`, 'activation'],
      ]),
    );
    expect(doc.personalData).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          value: 'Maria Esposito',
          stream: `activation-${store.activationId}`,
        }),
      ]),
    );
    expect(piped.stdout).not.toContain('Marco Bianchi');

    const out = join(dir, 'export.json');
    const pdf = join(dir, 'export.pdf');
    const files = await cli(
      ['export', store.subjectId, '--out', out, '--pdf', pdf, '--json', '--reason', reason, ...who],
      env,
    );
    expect(files.code).toBe(0);
    expect(files.lines).toEqual([
      expect.objectContaining({
        subjectId: store.subjectId,
        status: 'active',
        files: [
          { format: 'json', path: out, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
          { format: 'pdf', path: pdf, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        ],
      }),
    ]);
    expect(files.stdout).not.toContain('Maria Esposito');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ subjectId: store.subjectId });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const human = await cli(
      ['export', store.subjectId, '--out', out, '--reason', reason, ...who],
      env,
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Exported data subject ${store.subjectId} (active)`);

    const accesses = await sql<{
      data: { auditorId: string; reason: string; scope: unknown; subjectIds: string[] };
    }>(
      `SELECT data::jsonb AS data FROM {S}.events WHERE type = 'PersonalDataAccessedByAuditor'
        AND data::jsonb->'scope'->>'kind' = 'subject-export' ORDER BY position`,
    );
    expect(accesses.map((a) => a.data)).toEqual(
      Array(3).fill(
        expect.objectContaining({
          auditorId: 'aud-7',
          reason,
          scope: { kind: 'subject-export', subjectId: store.subjectId },
          subjectIds: [store.subjectId],
        }),
      ),
    );
  });

  it('as-of --json: a ticket before and after its answer, and its read-model row', async () => {
    const [answered] = await sql<{ revision: number; recorded: string }>(
      `SELECT revision::int, metadata->>'recordedAt' AS recorded FROM {S}.events WHERE stream = $1 AND type = 'ComplaintAnswered'`,
      [complaintStream()],
    );
    const before = await cli([
      'as-of',
      'ticket',
      complaintStream(),
      '--json',
      '--revision',
      String(answered.revision - 1),
    ]);
    const after = await cli([
      'as-of',
      'ticket',
      complaintStream(),
      '--json',
      '--revision',
      String(answered.revision),
    ]);
    expect(before.lines[0]).toMatchObject({ kind: 'complaint', state: { status: 'open' } });
    expect(after.lines[0]).toMatchObject({
      lastEvent: { type: 'ComplaintAnswered' },
      state: { status: 'answered' },
    });
    const justBefore = new Date(Date.parse(answered.recorded) - 1).toISOString();
    const row = await cli([
      'as-of',
      'row',
      'complaints_list',
      'complaints',
      store.complaintId,
      '--json',
      '--at',
      justBefore,
    ]);
    expect(row.code).toBe(0);
    expect(row.lines[0]).toMatchObject({ row: { status: 'open' } });
  });

  it('rebuild-compare --json: no difference on every read model, one after a row is tampered with', async () => {
    const clean = await cli(['rebuild-compare', '--json']);
    expect(clean.code).toBe(0);
    expect(clean.lines.map((l) => l.projection)).toEqual(cliAuditCatalog().describe().projections);
    for (const line of clean.lines)
      expect(line).toMatchObject({ differenceCount: 0, differences: [] });

    await eventually(
      () =>
        sql<{ n: number }>(`SELECT invoices AS n FROM {S}.billing_accounts WHERE account_id = $1`, [
          store.accountId,
        ]),
      (rows) => rows[0]?.n === 1,
      'the billing account row',
    );
    await sql(`UPDATE {S}.billing_invoices SET paid_cents = 0 WHERE account_id = $1`, [
      store.accountId,
    ]);
    const tampered = await cli(['rebuild-compare', 'billing_accounts', '--json']);
    expect(tampered.code).toBe(2);
    expect(tampered.lines).toEqual([
      expect.objectContaining({
        projection: 'billing_accounts',
        differenceCount: 1,
        differences: [
          {
            table: 'billing_invoices',
            key: { account_id: store.accountId, invoice_number: 'PSA-0501' },
            kind: 'changed',
            columns: [{ column: 'paid_cents', live: 0, rebuilt: 5_000 }],
          },
        ],
      }),
    ]);
  });

  it('digest get / verify: a kept digest checked later with the kept public key; verify names an edited event', async () => {
    const admin = await booted.token('admin', 'admin-1');
    await booted.http
      .post('/test-clock')
      .set('Authorization', `Bearer ${admin}`)
      .send({ set: '2026-05-07T00:30:00+02:00' })
      .expect(200);
    await eventually(
      () => sql(`SELECT 1 FROM {S}.audit_digests WHERE digest_date = '2026-05-06'`),
      (rows) => rows.length === 1,
      'the digest of 2026-05-06',
    );
    const kept = await cli(['digest', 'get', '2026-05-06', '--json']);
    expect(kept.code).toBe(0);
    const digestFile = join(dir, 'digest-2026-05-06.json');
    writeFileSync(digestFile, kept.stdout);
    const key = await booted.http
      .get('/v1/audit/signing-key')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const keyFile = join(dir, 'audit-key.pem');
    writeFileSync(keyFile, key.body.publicKeyPem);

    const valid = await cli(['digest', 'verify', digestFile, '--public-key', keyFile, '--json']);
    expect(valid.code).toBe(0);
    expect(valid.lines[0]).toMatchObject({ valid: true, problems: [] });

    const [target] = await sql<{ position: string; id: string }>(
      `SELECT transaction_id::text || ':' || position::text AS position, id::text FROM {S}.events
        WHERE stream = $1 AND revision = 0`,
      [`billing-account-${store.accountId}`],
    );
    await sql(
      `UPDATE {S}.events SET data = jsonb_set(data::jsonb, '{operator}', '"FASTWEB"')::json
        WHERE stream = $1 AND revision = 0`,
      [`billing-account-${store.accountId}`],
    );
    const broken = await cli(['verify', '--json']);
    expect(broken.code).toBe(2);
    expect(broken.lines[0]).toMatchObject({
      ok: false,
      firstBreak: {
        kind: 'content_altered',
        stream: `billing-account-${store.accountId}`,
        revision: 0,
        position: target.position,
        eventId: target.id,
      },
    });
    const invalid = await cli(['digest', 'verify', digestFile, '--public-key', keyFile, '--json']);
    expect(invalid.code).toBe(2);
    expect(invalid.lines[0]).toMatchObject({
      valid: false,
      problems: [
        { kind: 'chain_broken', stream: `billing-account-${store.accountId}`, revision: 0 },
      ],
    });
    const human = await cli(['verify']);
    expect(human.stdout).toContain(
      `BROKEN: content_altered at billing-account-${store.accountId}@0`,
    );
    expect(human.stdout).toContain(target.position);
  });
});
