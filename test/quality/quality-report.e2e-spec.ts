import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';
import { seedQuality } from './seed-quality';

jest.setTimeout(180_000);

interface Measure {
  id: string;
  value: number | null;
  tickets: number;
  numerator: number | null;
  unit: string;
  clock: string;
}

/** QUA-1…QUA-4 over HTTP: the report of a seeded Fastweb half-year, its targets and its CSV. */
describe('quality indicators over HTTP (/v1/quality)', () => {
  let booted: BootedApp;
  let supervisor: string;
  let auditor: string;
  let operator: string;

  beforeAll(async () => {
    booted = await bootApp();
    supervisor = await booted.token('supervisor', 'sup-1');
    auditor = await booted.token('auditor', 'aud-1');
    operator = await booted.token('operator', 'op-1');
    await seedQuality(booted);
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const get = (path: string, token = supervisor) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);

  async function report() {
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const body = (await get('/v1/quality/report?operator=FASTWEB&period=2026-H1').expect(200))
        .body;
      const byId = Object.fromEntries((body.measures as Measure[]).map((m) => [m.id, m])) as Record<
        string,
        Measure
      >;
      if (byId.REPAIR_TIME_P80_HOURS.tickets === 5 && byId.BILLING_ACCURACY_PCT.numerator === 1)
        return { body, byId };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The quality facts did not catch up');
  }

  it('QUA-2, QUA-4: repair times 10/18/30/50/80 h → p80 50 h, p95 80 h, 80% within 72 h; activations; billing shares — each with its count', async () => {
    const { body, byId } = await report();
    expect(body).toMatchObject({
      operator: 'FASTWEB',
      period: { label: '2026-H1', from: '2026-01-01', to: '2026-06-30' },
      policyVersion: 'FASTWEB@cds-2017',
    });
    expect(byId.REPAIR_TIME_P80_HOURS).toMatchObject({ value: 50, tickets: 5, unit: 'HOURS' });
    expect(byId.REPAIR_TIME_P80_HOURS.clock).toContain('net of CAL-8 pauses');
    expect(byId.REPAIR_TIME_P95_HOURS).toMatchObject({ value: 80, tickets: 5 });
    expect(byId.REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT).toMatchObject({
      value: 80,
      numerator: 4,
      tickets: 5,
    });
    // 15 and 64 days from the order; one by its date (2026-03-06), one 4 days late.
    expect(byId.ACTIVATION_TIME_P95_DAYS).toMatchObject({ value: 64, tickets: 2 });
    expect(byId.ACTIVATIONS_BY_AGREED_DATE_PCT).toMatchObject({ value: 50, numerator: 1 });
    expect(byId.INVOICES_DISPUTED_PCT).toMatchObject({ value: 25, numerator: 1, tickets: 4 });
    expect(byId.BILLING_ACCURACY_PCT).toMatchObject({ value: 25, numerator: 1, tickets: 4 });
    expect(byId.BILLING_COMPLAINTS_UPHELD_WITH_REFUND_PCT).toMatchObject({
      value: 100,
      tickets: 1,
    });
    expect(byId.COMPLAINT_ANSWER_TIME_P50_DAYS).toMatchObject({ value: 10, tickets: 1 });
    expect(byId.COMPLAINTS_ANSWERED_WITHIN_TERM_PCT).toMatchObject({ value: 100 });

    // Fastweb's 2017 targets (QUA-2): 80% of repairs in 20 h, 95% in 36 h, 100% in time.
    const target = (indicator: string, service = 'FIXED_VOICE') =>
      body.targets.find(
        (t: { indicator: string; service: string }) =>
          t.indicator === indicator && t.service === service,
      );
    expect(target('REPAIR_TIME_P80_HOURS')).toMatchObject({
      target: 20,
      measured: 50,
      tickets: 5,
      met: false,
    });
    expect(target('REPAIR_TIME_P95_HOURS')).toMatchObject({ target: 36, measured: 80, met: false });
    expect(target('REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT')).toMatchObject({ met: false });
    expect(target('BILLING_ACCURACY_PCT')).toMatchObject({ target: 1.8, measured: 25, met: false });
    expect(target('ACTIVATION_TIME_P99_DAYS')).toMatchObject({ flag: 'AMB-30', met: null });
    expect(body.notMeasured.map((n: { indicator: string }) => n.indicator)).toContain(
      'FAULT_RATE_PCT_YEAR',
    );
  });

  it('QUA-1: the same report as CSV, a comparison of every operator, and nothing for a period with no tickets', async () => {
    await report();
    const csv = await get('/v1/quality/report.csv?operator=FASTWEB&period=2026-H1', auditor).expect(
      200,
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'row,operator,period_from,period_to,indicator,label,value,unit,tickets,numerator,target,comparison,met,flag,clock,definition',
    );
    expect(
      lines.find((l) =>
        l.startsWith('measure,FASTWEB,2026-01-01,2026-06-30,REPAIR_TIME_P80_HOURS,'),
      ),
    ).toContain(',50,HOURS,5,');
    expect(
      lines.find((l) =>
        l.startsWith(
          'target,FASTWEB,2026-01-01,2026-06-30,REPAIR_TIME_P80_HOURS,FIXED_VOICE,50,HOURS,5,,20,AT_MOST,false,',
        ),
      ),
    ).toBeDefined();

    const comparison = (await get('/v1/quality/comparison?period=2026').expect(200)).body;
    expect(comparison.map((r: { operator: string }) => r.operator)).toEqual([
      'FASTWEB',
      'PSA',
      'SKYFW',
      'WINDTRE',
    ]);
    expect(comparison[1].targets).toEqual([]);
    const empty = (
      await get('/v1/quality/report?operator=FASTWEB&from=2025-01-01&to=2025-12-31').expect(200)
    ).body;
    expect(empty.measures.every((m: Measure) => m.value === null && m.tickets === 0)).toBe(true);
  });

  it('dashboard data: open tickets by deadline bucket and missed deadlines per day, for supervisors only', async () => {
    let dash = (await get('/v1/quality/dashboard?days=14&operator=FASTWEB').expect(200)).body;
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const open = dash.openByDeadline.reduce((n: number, b: { fault: number }) => n + b.fault, 0);
      if (open === 4 && dash.breachesPerDay.some((d: { total: number }) => d.total > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      dash = (await get('/v1/quality/dashboard?days=14&operator=FASTWEB').expect(200)).body;
    }
    expect(dash.openByDeadline.map((b: { bucket: string }) => b.bucket)).toEqual([
      'overdue',
      'due_24h',
      'due_3d',
      'due_7d',
      'later',
      'no_deadline',
    ]);
    const bucket = (name: string) =>
      dash.openByDeadline.find((b: { bucket: string }) => b.bucket === name).fault;
    // Reported 06-24 09:00 (due 06-27 09:00: overdue), 06-26 20:00 (due 06-29 20:00: overdue),
    // 06-29 09:00 (due 07-02 09:00: within 3 days), 06-30 08:00 (due 07-03 08:00: within 3 days).
    expect([bucket('overdue'), bucket('due_24h'), bucket('due_3d')]).toEqual([2, 0, 2]);
    expect(dash.breachesPerDay).toHaveLength(14);
    expect(dash.breachesPerDay.at(-1).date).toBe('2026-06-30');
    // The two overdue faults missed their deadlines on 27 and 29 June.
    const missed = (date: string) =>
      dash.breachesPerDay.find((d: { date: string }) => d.date === date).fault;
    expect([missed('2026-06-27'), missed('2026-06-29')]).toEqual([1, 1]);
  });

  it('roles and bad input: operators and privacy officers are refused; a bad period is a 400', async () => {
    expectProblem(
      await get('/v1/quality/report?operator=FASTWEB&period=2026', operator),
      403,
      'forbidden',
    );
    expectProblem(await get('/v1/quality/dashboard', auditor), 403, 'forbidden');
    expectProblem(await booted.http.get('/v1/quality/comparison?period=2026'), 401);
    expectProblem(await get('/v1/quality/report?operator=FASTWEB&period=2026-H3'), 400);
    expectProblem(await get('/v1/quality/report?operator=FASTWEB'), 400);
    expectProblem(
      await get('/v1/quality/report?operator=FASTWEB&from=2026-02-01&to=2026-01-01'),
      400,
    );
  });
});
