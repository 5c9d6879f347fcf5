import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(120_000);

const START = '2026-05-11T01:00:00+02:00';
const END = '2026-05-11T05:00:00+02:00';
const LINES = [
  { lineId: '0115550001', customerType: 'residential' },
  { lineId: '0115550002', customerType: 'business' },
];
const CHANNEL = { FASTWEB: 'web_area', PSA: 'sms' } as const;

interface Compliance {
  stage: string;
  status: string;
  noticeHours: number | null;
  indemnified: { minHours: number; met: boolean | null } | null;
  contractual: { minDays: number; met: boolean | null } | null;
  consequence: string;
  rules: string[];
}
interface Detail {
  windowId: string;
  reference: string;
  status: string;
  affected: {
    kind: string;
    count: number;
    lines:
      | { lineId: string; subjectId: string; customerType: string; indemnityCents: number | null }[]
      | null;
  };
  compliance: { current: Compliance; flaggedToSupervisors: boolean; history: Compliance[] };
  breach: Record<string, unknown> | null;
  interruption: Record<string, unknown> | null;
  indemnity: { assessed: Record<string, unknown> | null; rates: Record<string, unknown> | null };
  timeline: { type: string }[];
}

/** RULES §7 maintenance scenario (AS-31) over HTTP on PostgreSQL and Redis, on a test clock. */
describe('planned maintenance windows over HTTP', () => {
  let booted: BootedApp;
  let operator: string;
  let supervisor: string;
  let auditor: string;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp();
    operator = await booted.token('operator', 'op-7');
    supervisor = await booted.token('supervisor', 'sup-1');
    auditor = await booted.token('auditor', 'aud-1');
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);
  const detail = async (id: string, token = operator): Promise<Detail> =>
    (await get(`/v1/maintenance-windows/${id}`, token).expect(200)).body;

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  async function declare(operatorCode: 'FASTWEB' | 'PSA', publishedAt: string, extra = {}) {
    const response = await post('/v1/maintenance-windows', {
      operator: operatorCode,
      area: 'Torino nord — centrale Barriera di Milano',
      lines: LINES,
      plannedStart: START,
      plannedEnd: END,
      description: 'Sostituzione apparati OLT',
      notice: { publishedAt, channel: CHANNEL[operatorCode] },
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body as { windowId: string; reference: string; complianceStatus: string };
  }

  async function startAndEnd(ids: string[]) {
    await setClock('2026-05-11T01:05:00+02:00');
    for (const id of ids)
      await post(`/v1/maintenance-windows/${id}/start`, { startedAt: START }).expect(200);
    await setClock('2026-05-11T05:05:00+02:00');
    for (const id of ids)
      await post(`/v1/maintenance-windows/${id}/end`, { endedAt: END }).expect(200);
  }

  it('AS-31: a notice of 64 hours — FASTWEB meets the 24 h Carta notice but breaches the 5-day CGC notice (supervisor flag, no indemnity); PSA compliant', async () => {
    await setClock('2026-05-08T09:05:00+02:00');
    const fastweb = await declare('FASTWEB', '2026-05-08T09:00:00+02:00');
    const psa = await declare('PSA', '2026-05-08T09:00:00+02:00');
    expect(fastweb).toMatchObject({
      reference: expect.stringMatching(/^MW-2026-[0-9A-Z]{8}$/),
      complianceStatus: 'CONTRACTUAL_BREACH',
    });
    expect((await detail(fastweb.windowId)).compliance.current).toMatchObject({
      stage: 'publication',
      noticeHours: 64,
      indemnified: { minHours: 24, met: true, rule: 'MNT-1', clause: 'FW-CDS §5.2' },
      contractual: { minDays: 5, met: false, clause: 'FW-CGC art. 4 last ¶' },
      consequence: 'SUPERVISOR_FLAG',
      rules: expect.arrayContaining(['MNT-1', 'AMB-10']),
    });
    expect((await detail(psa.windowId)).compliance.current).toMatchObject({
      status: 'COMPLIANT',
      noticeHours: 64,
      indemnified: { minHours: 24, met: true, rule: 'MNT-2' },
      contractual: null,
      consequence: 'NONE',
    });

    await startAndEnd([fastweb.windowId, psa.windowId]);
    const fw = await detail(fastweb.windowId);
    expect(fw.compliance.history.map((c) => [c.stage, c.status])).toEqual([
      ['publication', 'CONTRACTUAL_BREACH'],
      ['start', 'CONTRACTUAL_BREACH'],
    ]);
    expect(fw.breach).toMatchObject({
      contractualBreach: true,
      indemnifiedBreach: false,
      consequence: 'SUPERVISOR_FLAG',
      flaggedToSupervisors: true,
    });
    expect(fw.timeline.map((e) => e.type)).toEqual([
      'MaintenanceWindowRegistered',
      'MaintenanceStarted',
      'MaintenanceNoticeBreached',
      'MaintenanceEnded',
    ]);
    expect(fw.indemnity.assessed).toBeNull();
    expect(fw.affected.lines?.map((l) => l.indemnityCents)).toEqual([null, null]);
    const p = await detail(psa.windowId);
    expect(p.breach).toBeNull();
    expect(p.timeline.map((e) => e.type)).toEqual([
      'MaintenanceWindowRegistered',
      'MaintenanceStarted',
      'MaintenanceEnded',
    ]);

    const flagged = await eventually(
      async () =>
        (await get('/v1/maintenance-windows?consequence=SUPERVISOR_FLAG', supervisor).expect(200))
          .body.items as { windowId: string; flaggedToSupervisors: boolean; status: string }[],
      (items) => items.some((i) => i.windowId === fastweb.windowId && i.status === 'ended'),
      'the flagged window in the list',
    );
    expect(flagged.map((i) => i.windowId)).toEqual([fastweb.windowId]);
    expect(flagged[0].flaggedToSupervisors).toBe(true);
  });

  it('AS-31: a notice of 16 hours, interruption until 05:00 — both breached: FASTWEB €5.00 residential / €10.00 business, PSA €5.00 (one calendar day touched)', async () => {
    await setClock('2026-05-10T09:05:00+02:00');
    const fastweb = await declare('FASTWEB', '2026-05-10T09:00:00+02:00');
    const psa = await declare('PSA', '2026-05-10T09:00:00+02:00');
    const counted = await declare('PSA', '2026-05-10T09:00:00+02:00', {
      lines: undefined,
      affectedCount: 1200,
    });
    for (const w of [fastweb, psa, counted]) expect(w.complianceStatus).toBe('INDEMNIFIED_BREACH');
    expect((await detail(fastweb.windowId)).compliance.current).toMatchObject({
      noticeHours: 16,
      indemnified: { met: false },
      contractual: { met: false },
      consequence: 'INDEMNITY',
      rules: expect.arrayContaining(['MNT-1', 'MNT-3', 'AMB-10']),
    });

    await startAndEnd([fastweb.windowId, psa.windowId, counted.windowId]);
    const fw = await detail(fastweb.windowId);
    expect(fw.breach).toMatchObject({ indemnifiedBreach: true, consequence: 'INDEMNITY' });
    expect(fw.interruption).toMatchObject({ daysTouched: ['2026-05-11'] });
    expect(fw.affected.lines).toEqual([
      {
        lineId: '0115550001',
        subjectId: expect.any(String),
        customerType: 'residential',
        indemnityCents: 500,
      },
      {
        lineId: '0115550002',
        subjectId: expect.any(String),
        customerType: 'business',
        indemnityCents: 1000,
      },
    ]);
    expect(fw.indemnity.assessed).toMatchObject({
      indemnityType: 'MAINTENANCE_NOTICE',
      days: 1,
      perCustomer: {
        residential: { dailyCents: 500, amountCents: 500 },
        business: { dailyCents: 1000, amountCents: 1000 },
      },
      totalCents: 1500,
      currency: 'EUR',
    });
    const p = await detail(psa.windowId);
    expect(p.affected.lines?.map((l) => l.indemnityCents)).toEqual([500, 500]);
    expect(p.indemnity.assessed).toMatchObject({
      perCustomer: { residential: { amountCents: 500 }, business: { amountCents: 500 } },
      capCents: 5000,
      totalCents: 1000,
    });
    const c = await detail(counted.windowId);
    expect(c.affected).toEqual({ kind: 'count', count: 1200, lines: null });
    expect(c.indemnity.assessed).toMatchObject({
      lines: null,
      affectedCount: 1200,
      totalCents: null,
      perCustomer: { residential: { amountCents: 500 } },
    });

    const rows = await eventually(
      async () =>
        (await get('/v1/maintenance-windows?consequence=INDEMNITY&status=ended').expect(200)).body
          .items as { windowId: string; indemnityTotalCents: number | null }[],
      (items) => items.length === 3,
      'the indemnified windows in the list',
    );
    expect(rows.find((r) => r.windowId === fastweb.windowId)?.indemnityTotalCents).toBe(1500);
    expect(JSON.stringify(rows)).not.toMatch(/011555000/);
  });

  it('answers bad input with the field and the reason, stores nothing, and lets auditors read only', async () => {
    await setClock('2026-05-20T09:00:00+02:00');
    const body = {
      operator: 'FASTWEB',
      area: 'Milano',
      plannedStart: '2026-05-25T01:00:00+02:00',
      plannedEnd: '2026-05-25T03:00:00+02:00',
    };
    const both = await post('/v1/maintenance-windows', { ...body, lines: LINES, affectedCount: 3 });
    expect(expectProblem(both, 400, 'validation-failed').errors).toEqual([
      { field: 'affectedCount', reason: 'give the affected lines or their count, not both' },
    ]);
    const badLine = await post('/v1/maintenance-windows', {
      ...body,
      lines: [{ lineId: '', customerType: 'tourist' }],
    });
    expect(expectProblem(badLine, 400).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'lines.0.lineId' }),
        expect.objectContaining({ field: 'lines.0.customerType' }),
      ]),
    );
    const noArea = await post('/v1/maintenance-windows', {
      ...body,
      area: undefined,
      affectedCount: 10,
    });
    expect(expectProblem(noArea, 422, 'rule-violation')).toMatchObject({
      ruleId: 'MNT-4',
      field: 'area',
    });
    const backwards = await post('/v1/maintenance-windows', {
      ...body,
      affectedCount: 10,
      plannedEnd: '2026-05-24T23:00:00+02:00',
    });
    expect(expectProblem(backwards, 422)).toMatchObject({ ruleId: 'MNT-4', field: 'plannedEnd' });
    const futureNotice = await post('/v1/maintenance-windows', {
      ...body,
      affectedCount: 10,
      notice: { publishedAt: '2026-05-21T09:00:00+02:00', channel: 'web_area' },
    });
    expect(expectProblem(futureNotice, 422)).toMatchObject({ field: 'notice.publishedAt' });
    const noFigures = await post('/v1/maintenance-windows', {
      ...body,
      operator: 'WINDTRE',
      affectedCount: 10,
    });
    expect(expectProblem(noFigures, 422)).toMatchObject({ ruleId: 'CAL-9', field: 'operator' });
    expectProblem(
      await post('/v1/maintenance-windows', { ...body, affectedCount: 10 }, auditor),
      403,
    );

    const created = await post('/v1/maintenance-windows', { ...body, lines: LINES }).expect(201);
    const id = created.body.windowId as string;
    expect(created.body.complianceStatus).toBe('PENDING');
    expectProblem(
      await post(`/v1/maintenance-windows/${id}/end`, { endedAt: '2026-05-20T08:00:00+02:00' }),
      409,
      'conflicting-state',
    );
    expectProblem(
      await post(`/v1/maintenance-windows/${id}/notice`, {
        publishedAt: '2026-05-20T08:00:00+02:00',
        channel: 'web_area',
      }).set('If-Match', '"3"'),
      412,
    );
    expectProblem(
      await post(`/v1/maintenance-windows/${id}/cancellation`, { reason: 'Annullato' }, auditor),
      403,
    );
    const shown = await detail(id, auditor);
    expect(shown.timeline.map((e) => e.type)).toEqual(['MaintenanceWindowRegistered']);
    expect(shown.affected.lines?.[0].lineId).toBe('0115550001');
    await post(
      `/v1/maintenance-windows/${id}/cancellation`,
      { reason: 'Annullato' },
      supervisor,
    ).expect(200);
    // Refused input appends nothing: the only window starting that day is the one accepted.
    const day =
      '/v1/maintenance-windows?startsFrom=2026-05-24T22:00:00Z&startsBefore=2026-05-25T22:00:00Z';
    const stored = await eventually(
      async () => (await get(day).expect(200)).body.items as { windowId: string; status: string }[],
      (items) => items.some((i) => i.status === 'cancelled'),
      'the stored window in the list',
    );
    expect(stored.map((i) => i.windowId)).toEqual([id]);
    expect(booted.logs.text()).not.toMatch(/011555000/);
  });
});
