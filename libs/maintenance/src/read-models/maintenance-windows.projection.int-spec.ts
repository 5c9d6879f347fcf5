import { TestClock } from '@sportello/clock';
import { CommandHandler, liveTables, ProjectionRunner } from '@sportello/eventstore';
import { FASTWEB_MAINTENANCE } from '../testing/maintenance-policies.fixture';
import { maintenanceStoreOnPostgres } from '../testing/maintenance-store';
import { MaintenanceCommand } from '../domain/maintenance.commands';
import { maintenanceDecider } from '../domain/maintenance.decider';
import { maintenanceWindowStream } from '../application/maintenance-streams';
import { maintenanceWindowsProjection } from './maintenance-windows.projection';

const clock = new TestClock('2026-05-10T09:05:00+02:00');
const { db, schema, storage, store, vault, dispose } = maintenanceStoreOnPostgres('mnt_rm', clock);
const commands = new CommandHandler(store, clock);
const runner = new ProjectionRunner(db, store, maintenanceWindowsProjection, {
  schema,
  idleMs: 20,
});
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const policy = FASTWEB_MAINTENANCE;
const id = '01a20386-0000-7000-8000-00000000d001';
const ANNA = '01a20386-0000-7000-8000-0000000a0001';
const ROSSI = '01a20386-0000-7000-8000-0000000a0002';

beforeAll(async () => {
  await storage.init();
  await maintenanceWindowsProjection.createTables(
    db,
    liveTables(schema, maintenanceWindowsProjection),
  );
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const run = (command: MaintenanceCommand) =>
  commands.handle(maintenanceDecider, {
    stream: maintenanceWindowStream(id),
    command,
    actor: operator,
    correlationId: 'corr',
  });

async function rows() {
  await runner.caughtUp();
  const window = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.maintenance_windows WHERE window_id = $1`,
    [id],
  );
  const lines = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.maintenance_window_lines WHERE window_id = $1 ORDER BY position`,
    [id],
  );
  return { window: window.rows[0], lines: lines.rows };
}

describe('maintenance windows read model', () => {
  it('AS-31 (16 h notice): given a window over two listed lines, then rows follow it to the indemnity per line, with no line id', async () => {
    await run({
      type: 'RegisterMaintenanceWindow',
      windowId: id,
      reference: 'MW-2026-ABCD2345',
      policy,
      kind: 'planned',
      area: 'Torino nord',
      affected: {
        kind: 'lines',
        lines: [
          { lineId: '0115550001', subjectId: ANNA, customerType: 'residential' },
          { lineId: '0115550002', subjectId: ROSSI, customerType: 'business' },
        ],
      },
      plannedStart: '2026-05-11T01:00:00+02:00',
      plannedEnd: '2026-05-11T05:00:00+02:00',
      description: 'Sostituzione apparati',
      notice: { noticeId: 'n-1', publishedAt: '2026-05-10T09:00:00+02:00', channel: 'web_area' },
    });
    expect((await rows()).window).toMatchObject({
      reference: 'MW-2026-ABCD2345',
      status: 'scheduled',
      affected_kind: 'lines',
      affected_count: 2,
      compliance_status: 'INDEMNIFIED_BREACH',
      consequence: 'INDEMNITY',
      flagged_to_supervisors: false,
    });
    clock.set('2026-05-11T01:05:00+02:00');
    await run({ type: 'RecordMaintenanceStart', policy, startedAt: '2026-05-11T01:00:00+02:00' });
    clock.set('2026-05-11T05:05:00+02:00');
    await run({ type: 'RecordMaintenanceEnd', policy, endedAt: '2026-05-11T05:00:00+02:00' });
    const { window, lines } = await rows();
    expect(window).toMatchObject({
      status: 'ended',
      compliance_stage: 'start',
      flagged_to_supervisors: true,
      days_touched: 1,
      indemnity_total_cents: 1500,
      revision: 4,
    });
    expect(lines).toEqual([
      {
        window_id: id,
        position: 0,
        subject_id: ANNA,
        customer_type: 'residential',
        indemnity_cents: 500,
      },
      {
        window_id: id,
        position: 1,
        subject_id: ROSSI,
        customer_type: 'business',
        indemnity_cents: 1000,
      },
    ]);
    expect(JSON.stringify({ window, lines })).not.toMatch(/011555000/);
  });

  it("seals each line's id under its own customer: erasing one leaves the other readable", async () => {
    const raw = await storage.readStream(maintenanceWindowStream(id), {
      direction: 'forwards',
      maxCount: 100,
    });
    expect(JSON.stringify(raw.map((e) => e.data))).not.toMatch(/011555000/);
    const sealedLine = (raw[0].data as { affected: { lines: { lineId: { subject: string } }[] } })
      .affected.lines;
    expect(sealedLine.map((l) => l.lineId.subject)).toEqual([ANNA, ROSSI]);
    expect(raw[0].metadata.subjectIds).toEqual([ANNA, ROSSI].sort());

    await vault.destroy(ANNA);
    const events = await store.readStream(maintenanceWindowStream(id));
    const registered = events[0].data as { affected: { lines: { lineId: string }[] } };
    expect(registered.affected.lines.map((l) => l.lineId)).toEqual(['[erased]', '0115550002']);
    const assessed = events.find((e) => e.type === 'MaintenanceNoticeIndemnityAssessed');
    expect((assessed?.data as { lines: { lineId: string }[] }).lines.map((l) => l.lineId)).toEqual([
      '[erased]',
      '0115550002',
    ]);
    expect(assessed?.masked).toEqual(['lines.0.lineId']);
  });

  it('rebuilds to the same rows', async () => {
    const before = await rows();
    await runner.rebuild();
    expect(await rows()).toEqual(before);
  });
});
