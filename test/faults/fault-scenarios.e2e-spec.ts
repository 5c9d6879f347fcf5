import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(120_000);

type Customer = { customerType: 'residential' | 'business'; name: string; email?: string };
const residential: Customer = {
  customerType: 'residential',
  name: 'Marco Bianchi',
  email: 'marco.bianchi@example.it',
};
const business: Customer = {
  customerType: 'business',
  name: 'Rossi Impianti srl',
  email: 'amministrazione@rossi-impianti.example.it',
};

interface Entry {
  type: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}
interface Detail {
  faultId: string;
  reference: string;
  status: string;
  regime: string;
  customer: Record<string, unknown>;
  lineId: string;
  deadline: {
    repairDueAt: string | null;
    missed: boolean;
    policy: { version: string; term: Record<string, unknown> };
    explanation: {
      rule: string;
      clause: string;
      status: string;
      dueAt: string | null;
      dueAtLocal: string | null;
      dueDate: string | null;
      reportDate: string;
      days: {
        date: string;
        ordinal: number | null;
        skipped: string | null;
        holiday: string | null;
      }[];
      pauses: unknown[];
      summary: string;
    };
  };
  pauses: Record<string, unknown>[];
  restoration: Record<string, unknown> | null;
  incidents: string[];
  indemnity: {
    assessed: Record<string, unknown> | null;
    review: Record<string, unknown> | null;
    supplementaryAssessment: Record<string, unknown> | null;
    current: Record<string, unknown> | null;
  };
  timeline: Entry[];
}

/** RULES §7 fault scenarios (AS-01…AS-14), over HTTP on PostgreSQL and Redis, on a test clock. */
describe('fault acceptance scenarios over HTTP', () => {
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
    if (process.env.DEBUG_LOGS)
      console.warn(booted.logs.lines.filter((l) => /"level":(40|50)/.test(l)).join('\n'));
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const post = (path: string, body: object, token = operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) => post('/test-clock', { set: instant }, admin).expect(200);
  const detail = async (id: string, token = operator): Promise<Detail> =>
    (await get(`/v1/faults/${id}`, token).expect(200)).body;
  const types = async (id: string) => (await detail(id)).timeline.map((e) => e.type);

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  async function report(
    operatorCode: string,
    reportedAt: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ faultId: string; reference: string; repairDueAt: string | null }> {
    const response = await post('/v1/faults', {
      operator: operatorCode,
      customer: residential,
      lineId: '0212345678',
      service: 'broadband',
      channel: 'phone',
      description: 'Nessuna connessione dalle 8',
      reportedAt,
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Restores at `restoredAt` (the clock just after it), closes as repaired; returns the detail. */
  async function restoreAndClose(id: string, restoredAt: string, token = operator) {
    await setClock(new Date(Date.parse(restoredAt) + 60_000).toISOString());
    await post(`/v1/faults/${id}/restoration`, { restoredAt }, token).expect(200);
    await post(`/v1/faults/${id}/closure`, { outcome: 'repaired' }, token).expect(200);
    return detail(id);
  }

  const pauseBody = (from: string, extra: Record<string, unknown> = {}) => ({
    kind: 'WAITING_ON_CUSTOMER',
    reason: 'Cliente non disponibile per la visita del tecnico',
    from,
    ...extra,
  });

  describe('Fastweb: 72 elapsed hours (FLT-2, CAL-6, CAL-7, IND-1)', () => {
    it('AS-01: due 03-05 09:00; the timer marks the miss when the clock passes it; restored 03-08 10:00 → 73 h → 4 days → €20.00', async () => {
      await setClock('2026-03-02T09:05:00+01:00');
      const fault = await report('FASTWEB', '2026-03-02T09:00:00+01:00');
      expect(fault.reference).toMatch(/^GU-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(fault.repairDueAt).toBe('2026-03-05T08:00:00.000Z');

      const shown = await detail(fault.faultId);
      expect(shown.deadline.explanation).toMatchObject({
        rule: 'FLT-2',
        clause: 'FW-CDS §5.2; FW-CGC 9.1',
        status: 'DUE',
        dueAtLocal: '2026-03-05T09:00:00.000+01:00',
      });
      expect(shown.deadline.explanation.summary).toContain('72 elapsed hour(s)');
      expect(shown.deadline.policy).toMatchObject({ version: 'FASTWEB@cds-2017' });
      expect(shown.customer).toMatchObject({ name: 'Marco Bianchi', customerType: 'residential' });
      expect(shown.lineId).toBe('0212345678');

      // The timer: one minute before nothing; just after, RepairDeadlineMissed, with no command sent.
      await setClock('2026-03-05T08:59:00+01:00');
      expect(await types(fault.faultId)).toEqual(['FaultReported']);
      await setClock('2026-03-05T09:00:05+01:00');
      const missed = await eventually(
        () => detail(fault.faultId),
        (d) => d.deadline.missed,
        'the repair deadline marked missed by the timer',
      );
      const miss = missed.timeline.find((e) => e.type === 'RepairDeadlineMissed')!;
      expect(miss.actor).toEqual({ id: 'system:deadline-timer', role: 'system' });
      const overdue = await eventually(
        async () => (await get('/v1/faults?overdue=true&operator=FASTWEB').expect(200)).body,
        (page: { items: { faultId: string; deadlineMissed: boolean }[] }) =>
          page.items.some((f) => f.faultId === fault.faultId && f.deadlineMissed),
        'the fault in the overdue list',
      );
      expect(
        overdue.items.find((f: { faultId: string }) => f.faultId === fault.faultId),
      ).toMatchObject({
        deadlineMissed: true,
        overdue: true,
      });

      const closed = await restoreAndClose(fault.faultId, '2026-03-08T10:00:00+01:00');
      expect(closed.restoration).toMatchObject({
        onTime: false,
        delay: {
          rule: 'CAL-7',
          basis: 'STARTED_24_HOUR_PERIODS',
          days: 4,
          latenessMs: 73 * 3_600_000,
        },
      });
      expect(closed.indemnity.assessed).toMatchObject({
        indemnityType: 'REPAIR_DELAY',
        daysOfDelay: 4,
        dailyCents: 500,
        amountCents: 2000,
        currency: 'EUR',
        status: 'due',
        policyVersion: 'FASTWEB@cds-2017',
      });
      expect((await types(fault.faultId)).filter((t) => t === 'RepairDeadlineMissed')).toHaveLength(
        1,
      );
    });

    it('AS-02, IND-13: the same fault for a Partita IVA customer → €40.00', async () => {
      await setClock('2026-03-02T09:05:00+01:00');
      const fault = await report('FASTWEB', '2026-03-02T09:00:00+01:00', { customer: business });
      const closed = await restoreAndClose(fault.faultId, '2026-03-08T10:00:00+01:00');
      expect(closed.indemnity.assessed).toMatchObject({
        daysOfDelay: 4,
        dailyCents: 1000,
        amountCents: 4000,
      });
    });

    it('AS-03: restored at exactly 72 h is on time (€0.00); at 72 h 30 min it is 1 day late (€5.00)', async () => {
      await setClock('2026-03-02T09:05:00+01:00');
      const onTime = await report('FASTWEB', '2026-03-02T09:00:00+01:00');
      const late = await report('FASTWEB', '2026-03-02T09:00:00+01:00');
      expect(
        (await restoreAndClose(onTime.faultId, '2026-03-05T09:00:00+01:00')).indemnity.assessed,
      ).toMatchObject({
        daysOfDelay: 0,
        amountCents: 0,
        status: 'none',
      });
      expect(
        (await restoreAndClose(late.faultId, '2026-03-05T09:30:00+01:00')).indemnity.assessed,
      ).toMatchObject({
        daysOfDelay: 1,
        amountCents: 500,
      });
    });

    it('AS-04, IND-2, AMB-11: 16 days late is capped at 10 days (€50.00 / €100.00) and opens a supplementary assessment', async () => {
      await setClock('2026-01-07T08:05:00+01:00');
      const home = await report('FASTWEB', '2026-01-07T08:00:00+01:00');
      const firm = await report('FASTWEB', '2026-01-07T08:00:00+01:00', { customer: business });
      expect(home.repairDueAt).toBe('2026-01-10T07:00:00.000Z');
      const a = await restoreAndClose(home.faultId, '2026-01-25T12:00:00+01:00');
      const b = await restoreAndClose(firm.faultId, '2026-01-25T12:00:00+01:00');
      expect(a.indemnity.assessed).toMatchObject({
        daysOfDelay: 16,
        daysPaid: 10,
        amountCents: 5000,
      });
      expect(b.indemnity.assessed).toMatchObject({
        daysOfDelay: 16,
        daysPaid: 10,
        amountCents: 10000,
      });
      expect(a.indemnity.supplementaryAssessment).toMatchObject({ daysOfDelay: 16, capDays: 10 });
    });

    it('AS-05, CAL-8: a running pause stops the clock and the timer; the resume re-arms it at 03-16 10:00', async () => {
      await setClock('2026-03-10T10:05:00+01:00');
      const a = await report('FASTWEB', '2026-03-10T10:00:00+01:00');
      expect(a.repairDueAt).toBe('2026-03-13T09:00:00.000Z');

      await setClock('2026-03-11T12:30:00+01:00');
      const paused = await post(
        `/v1/faults/${a.faultId}/pauses`,
        pauseBody('2026-03-11T12:00:00+01:00'),
      ).expect(200);
      const pauseId = paused.body.pauseId as string;
      expect(paused.body).toMatchObject({ repairDueAt: null, events: ['RepairClockPaused'] });
      const list = await eventually(
        async () => (await get('/v1/faults?paused=true').expect(200)).body,
        (page: { items: { faultId: string }[] }) => page.items.some((f) => f.faultId === a.faultId),
        'the paused list',
      );
      expect(list.items.find((f: { faultId: string }) => f.faultId === a.faultId)).toMatchObject({
        paused: true,
        repairDueAt: null,
        dueStatus: 'SUSPENDED',
      });

      // The original deadline passes while paused: nothing is missed.
      await setClock('2026-03-13T10:30:00+01:00');
      await setClock('2026-03-14T12:30:00+01:00');
      const resumed = await post(`/v1/faults/${a.faultId}/pauses/${pauseId}/resumption`, {
        resumedAt: '2026-03-14T12:00:00+01:00',
      }).expect(200);
      expect(resumed.body.repairDueAt).toBe('2026-03-16T09:00:00.000Z');
      const shown = await detail(a.faultId);
      expect(shown.timeline.map((e) => e.type)).not.toContain('RepairDeadlineMissed');
      expect(shown.pauses).toEqual([
        expect.objectContaining({
          pauseId,
          kind: 'WAITING_ON_CUSTOMER',
          reason: 'Cliente non disponibile per la visita del tecnico',
          from: '2026-03-11T11:00:00.000Z',
          to: '2026-03-14T11:00:00.000Z',
          running: false,
        }),
      ]);
      expect(shown.deadline.explanation).toMatchObject({
        dueAtLocal: '2026-03-16T10:00:00.000+01:00',
        pausedMs: 72 * 3_600_000,
      });

      // The re-armed timer fires at the moved deadline, not before.
      await setClock('2026-03-16T09:59:00+01:00');
      expect(await types(a.faultId)).not.toContain('RepairDeadlineMissed');
      await setClock('2026-03-16T10:00:05+01:00');
      await eventually(
        () => detail(a.faultId),
        (d) => d.deadline.missed,
        'the moved deadline missed',
      );

      const late = await restoreAndClose(a.faultId, '2026-03-17T11:00:00+01:00');
      expect(late.indemnity.assessed).toMatchObject({ daysOfDelay: 2, amountCents: 1000 });
    });

    it("AS-05, CAL-8: the same pause recorded whole after the deadline was missed needs a supervisor's approval; then restored 03-16 09:00 is on time", async () => {
      await setClock('2026-03-10T10:05:00+01:00');
      const fault = await report('FASTWEB', '2026-03-10T10:00:00+01:00');
      await setClock('2026-03-14T13:00:00+01:00');
      await eventually(
        () => detail(fault.faultId),
        (d) => d.deadline.missed,
        'the missed deadline',
      );
      const whole = pauseBody('2026-03-11T12:00:00+01:00', { to: '2026-03-14T12:00:00+01:00' });
      const late = await post(`/v1/faults/${fault.faultId}/pauses`, whole);
      expect(expectProblem(late, 422, 'rule-violation')).toMatchObject({
        ruleId: 'CAL-8',
        field: 'approval',
      });
      const approval = { reason: 'Assenza del cliente documentata dal tecnico' };
      expectProblem(
        await post(`/v1/faults/${fault.faultId}/pauses`, { ...whole, approval }),
        403,
        'forbidden',
      );
      expect(await types(fault.faultId)).toEqual(['FaultReported', 'RepairDeadlineMissed']);

      const approved = await post(
        `/v1/faults/${fault.faultId}/pauses`,
        { ...whole, approval },
        supervisor,
      ).expect(200);
      expect(approved.body).toMatchObject({
        repairDueAt: '2026-03-16T09:00:00.000Z',
        events: ['LatePauseApproved', 'RepairClockPaused'],
      });
      const shown = await detail(fault.faultId);
      expect(shown.deadline.missed).toBe(false);
      expect(shown.pauses[0]).toMatchObject({
        lateApproval: {
          approvedBy: 'sup-1',
          reason: approval.reason,
          missedDueAt: '2026-03-13T09:00:00.000Z',
        },
      });
      const closed = await restoreAndClose(fault.faultId, '2026-03-16T09:00:00+01:00');
      expect(closed.indemnity.assessed).toMatchObject({ daysOfDelay: 0, amountCents: 0 });
    });

    it('AS-06: a force-majeure pause needs its evidence (problem+json naming the field, nothing stored); with it → due 02-09 10:00 → €5.00', async () => {
      await setClock('2026-02-03T10:05:00+01:00');
      const fault = await report('FASTWEB', '2026-02-03T10:00:00+01:00');
      await setClock('2026-02-03T12:30:00+01:00');
      const flood = {
        kind: 'FORCE_MAJEURE',
        reason: 'Alluvione',
        from: '2026-02-03T12:00:00+01:00',
      };
      const refused = await post(`/v1/faults/${fault.faultId}/pauses`, flood, supervisor);
      expect(expectProblem(refused, 422, 'rule-violation')).toMatchObject({
        ruleId: 'CAL-8',
        field: 'evidenceRef',
      });
      expect(await types(fault.faultId)).toEqual(['FaultReported']);
      const paused = await post(
        `/v1/faults/${fault.faultId}/pauses`,
        { ...flood, evidenceRef: 'Allerta protezione civile PC-2026-031' },
        supervisor,
      ).expect(200);
      await setClock('2026-02-06T12:30:00+01:00');
      const resumed = await post(
        `/v1/faults/${fault.faultId}/pauses/${paused.body.pauseId}/resumption`,
        { resumedAt: '2026-02-06T12:00:00+01:00' },
        supervisor,
      ).expect(200);
      expect(resumed.body.repairDueAt).toBe('2026-02-09T09:00:00.000Z');
      const closed = await restoreAndClose(fault.faultId, '2026-02-09T18:00:00+01:00');
      expect(closed.indemnity.assessed).toMatchObject({ daysOfDelay: 1, amountCents: 500 });
    });

    it('AS-07, CAL-1: DST inside the 72 h: Sat 03-28 10:00 CET → Tue 03-31 11:00 CEST; restored 10:30 CEST is on time', async () => {
      await setClock('2026-03-28T10:05:00+01:00');
      const fault = await report('FASTWEB', '2026-03-28T10:00:00+01:00');
      expect(fault.repairDueAt).toBe('2026-03-31T09:00:00.000Z');
      expect((await detail(fault.faultId)).deadline.explanation.dueAtLocal).toBe(
        '2026-03-31T11:00:00.000+02:00',
      );
      const closed = await restoreAndClose(fault.faultId, '2026-03-31T10:30:00+02:00');
      expect(closed.restoration).toMatchObject({ onTime: true });
      expect(closed.indemnity.assessed).toMatchObject({ amountCents: 0 });
    });
  });

  describe('PSA: by the end of the 4th non-holiday day after the report day (FLT-6, CAL-3, CAL-5)', () => {
    const dueDateOf = async (reportedAt: string) => {
      await setClock(new Date(Date.parse(reportedAt) + 60_000).toISOString());
      const fault = await report('PSA', reportedAt);
      const shown = await detail(fault.faultId);
      return { fault, explanation: shown.deadline.explanation };
    };

    it('AS-08: reported Thu 04-02 16:30 → Easter Sunday and Easter Monday skipped → due end of Wed 04-08; restored Fri 04-10 → €10.00 for any customer type', async () => {
      const { fault, explanation } = await dueDateOf('2026-04-02T16:30:00+02:00');
      expect(explanation).toMatchObject({
        rule: 'FLT-6',
        clause: 'PSA-CDS §9',
        reportDate: '2026-04-02',
        dueDate: '2026-04-08',
      });
      expect(fault.repairDueAt).toBe('2026-04-08T21:59:59.999Z');
      const skipped = explanation.days.filter((d) => d.skipped !== null).map((d) => d.date);
      expect(skipped).toEqual(expect.arrayContaining(['2026-04-05', '2026-04-06']));
      const closed = await restoreAndClose(fault.faultId, '2026-04-10T11:00:00+02:00');
      expect(closed.restoration).toMatchObject({
        delay: { basis: 'CALENDAR_DAYS_AFTER_DUE_DATE', days: 2 },
      });
      expect(closed.indemnity.assessed).toMatchObject({ daysOfDelay: 2, amountCents: 1000 });

      await setClock('2026-04-02T16:35:00+02:00');
      const firm = await report('PSA', '2026-04-02T16:30:00+02:00', { customer: business });
      expect(
        (await restoreAndClose(firm.faultId, '2026-04-10T11:00:00+02:00')).indemnity.assessed,
      ).toMatchObject({
        amountCents: 1000,
      });
    });

    it('AS-09, AMB-18: 1 May skipped, Saturday counted: Wed 04-29 → Tue 05-05 (not 05-06), restored 18:00 on time; Fri 04-24 → Thu 04-30', async () => {
      const { fault, explanation } = await dueDateOf('2026-04-29T10:00:00+02:00');
      expect(explanation.dueDate).toBe('2026-05-05');
      expect(
        (await restoreAndClose(fault.faultId, '2026-05-05T18:00:00+02:00')).indemnity.assessed,
      ).toMatchObject({
        amountCents: 0,
      });
      expect((await dueDateOf('2026-04-24T10:00:00+02:00')).explanation.dueDate).toBe('2026-04-30');
    });

    it('AS-10, FLT-1: a report on Sunday 03-08 21:00 via the client area: that Sunday is day 0 → due Thu 03-12', async () => {
      await setClock('2026-03-08T21:05:00+01:00');
      const fault = await report('PSA', '2026-03-08T21:00:00+01:00', { channel: 'web_area' });
      const { explanation } = await detail(fault.faultId).then((d) => d.deadline);
      expect(explanation).toMatchObject({ reportDate: '2026-03-08', dueDate: '2026-03-12' });
    });

    it('CAL-3: a report on a holiday (Easter Monday 04-06) is day 0 and not counted → due Fri 04-10', async () => {
      expect((await dueDateOf('2026-04-06T11:00:00+02:00')).explanation.dueDate).toBe('2026-04-10');
    });

    it('CAL-5, EXT-CAL-1: 4 October — as the report day in 2026 (a Sunday) → Thu 10-08; skipped in 2027 (a Monday): Fri 10-01 → Thu 10-07', async () => {
      expect((await dueDateOf('2026-10-04T10:00:00+02:00')).explanation.dueDate).toBe('2026-10-08');
      const { explanation } = await dueDateOf('2027-10-01T10:00:00+02:00');
      expect(explanation.dueDate).toBe('2027-10-07');
      expect(explanation.days.find((d) => d.date === '2027-10-04')).toMatchObject({
        ordinal: null,
        skipped: 'HOLIDAY',
      });
    });

    it('AS-11, IND-8: reported Mon 06-01, 2 June skipped → due Sat 06-06; restored 06-20 → 14 days → €70.00 capped at €50.00', async () => {
      const { fault, explanation } = await dueDateOf('2026-06-01T10:00:00+02:00');
      expect(explanation.dueDate).toBe('2026-06-06');
      expect(
        (await restoreAndClose(fault.faultId, '2026-06-20T10:00:00+02:00')).indemnity.assessed,
      ).toMatchObject({
        daysOfDelay: 14,
        amountCents: 5000,
        capCents: 5000,
      });
    });

    it('AS-12, AMB-21: a pause from Tue 03-10 14:00 to Fri 03-13 09:00 skips Wed and Thu → due Mon 03-16; restored 17:00 on time', async () => {
      const { fault } = await dueDateOf('2026-03-09T11:00:00+01:00');
      expect(fault.repairDueAt).toBe('2026-03-13T22:59:59.999Z');
      await setClock('2026-03-13T09:30:00+01:00');
      const paused = await post(
        `/v1/faults/${fault.faultId}/pauses`,
        pauseBody('2026-03-10T14:00:00+01:00', { to: '2026-03-13T09:00:00+01:00' }),
      ).expect(200);
      expect(paused.body.repairDueAt).toBe('2026-03-16T22:59:59.999Z');
      const shown = await detail(fault.faultId);
      expect(shown.deadline.explanation).toMatchObject({ dueDate: '2026-03-16', pausedDays: 2 });
      expect(
        (await restoreAndClose(fault.faultId, '2026-03-16T17:00:00+01:00')).indemnity.assessed,
      ).toMatchObject({
        amountCents: 0,
      });
    });
  });

  describe('mass outages (FLT-9, FLT-10, NTF-7)', () => {
    it('AS-14: a supervisor declares a mass outage linking 57 faults reported that Monday; each customer is told once; deadlines unchanged (Fri 09-18)', async () => {
      await setClock('2026-09-14T07:00:00+02:00');
      const faults: string[] = [];
      for (let i = 0; i < 57; i++) {
        const minute = String(i % 60).padStart(2, '0');
        faults.push((await report('PSA', `2026-09-14T06:${minute}:00+02:00`)).faultId);
      }
      await setClock('2026-09-14T08:00:00+02:00');
      const declaration = {
        operator: 'PSA',
        kind: 'MASS_REPORTS',
        area: { description: 'Torino nord', municipalities: ['Torino'], postcodes: ['10155'] },
        startedAt: '2026-09-14T06:00:00+02:00',
        faultIds: faults,
      };
      expectProblem(await post('/v1/outages', declaration, operator), 403, 'forbidden');
      const declared = await post('/v1/outages', declaration, supervisor).expect(201);
      expect(declared.body).toMatchObject({
        policyVersion: 'PSA@cds',
        events: ['OutageDeclared', 'OutageFaultsLinked'],
      });
      expect(declared.headers.location).toBe(`/v1/outages/${declared.body.outageId}`);
      const outageId = declared.body.outageId as string;

      const notified = (d: Detail) =>
        d.timeline.filter(
          (e) => e.type === 'CustomerNotified' && e.data.template === 'fault.outage-notice',
        );
      for (const id of faults) {
        const shown = await eventually(
          () => detail(id),
          (d) => notified(d).length === 1,
          `the outage notice on fault ${id}`,
        );
        expect(shown.incidents).toEqual([outageId]);
        expect(shown.regime).toBe('STANDARD');
        expect(shown.deadline.explanation.dueDate).toBe('2026-09-18');
        expect(notified(shown)[0].data).toMatchObject({
          channel: 'email',
          causationEventId: expect.any(String),
        });
        expect(JSON.stringify(notified(shown)[0].data)).not.toContain('example.it');
      }

      // Linking again changes nothing and tells no one twice.
      const again = await post(`/v1/outages/${outageId}/faults`, { faultIds: faults.slice(0, 3) });
      expect(again.status).toBe(200);
      expect(again.body.linked).toEqual([]);

      const view = await eventually(
        async () => (await get(`/v1/outages/${outageId}?limit=50`, auditor).expect(200)).body,
        (body: { counts: { linked: number }; faults: { items: unknown[]; nextCursor: string } }) =>
          body.counts?.linked === 57,
        'the per-outage view',
      );
      expect(view).toMatchObject({
        kind: 'MASS_REPORTS',
        operator: 'PSA',
        area: { description: 'Torino nord' },
        counts: { linked: 57, open: 57, overdue: 0 },
        linkedFaultIds: 57,
      });
      expect(view.faults.items).toHaveLength(50);
      expect(view.faults.items[0]).toMatchObject({ repairDueAt: '2026-09-18T21:59:59.999Z' });
      const rest = await get(
        `/v1/outages/${outageId}?limit=50&cursor=${view.faults.nextCursor}`,
      ).expect(200);
      expect(rest.body.faults.items).toHaveLength(7);
      const byFilter = await get(`/v1/faults?incidentId=${outageId}&limit=200`).expect(200);
      expect(byFilter.body.items).toHaveLength(57);
    });

    it('AS-13: an exceptional widespread outage (storm, force majeure 11-05…11-10): the fault leaves the 4-day term; restored 11-18 → 15–18 Nov = 4 × €2.50 = €10.00', async () => {
      await setClock('2026-11-06T10:00:00+01:00');
      const fault = await report('PSA', '2026-11-06T09:00:00+01:00');
      expect(fault.repairDueAt).toBe('2026-11-11T22:59:59.999Z');
      const storm = {
        operator: 'PSA',
        kind: 'EXCEPTIONAL_WIDESPREAD',
        area: { description: 'Val di Susa', municipalities: ['Susa', 'Bussoleno'] },
        startedAt: '2026-11-05T03:00:00+01:00',
        forceMajeure: { from: '2026-11-05', evidenceRef: 'Protezione civile PC-TO-2026-118' },
        reasons: ['Alluvione: tralicci abbattuti'],
      };
      const noEvidence = await post(
        '/v1/outages',
        { ...storm, forceMajeure: { from: '2026-11-05' } },
        supervisor,
      );
      expect(expectProblem(noEvidence, 400, 'validation-failed').errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'forceMajeure.evidenceRef' })]),
      );
      const fastweb = await post('/v1/outages', { ...storm, operator: 'FASTWEB' }, supervisor);
      expect(expectProblem(fastweb, 422, 'rule-violation')).toMatchObject({
        ruleId: 'FLT-10',
        field: 'kind',
      });
      const declared = await post('/v1/outages', storm, supervisor).expect(201);
      const outageId = declared.body.outageId as string;
      await post(`/v1/outages/${outageId}/faults`, { faultIds: [fault.faultId] }).expect(200);
      // The regime, and the outage notice (NTF-7), land on the fault's stream after the link.
      const exceptional = await eventually(
        () => detail(fault.faultId),
        (d) =>
          d.regime === 'EXCEPTIONAL_WIDESPREAD' &&
          d.timeline.some((e) => e.type === 'CustomerNotified'),
        'the IND-9 regime and the notice on the fault',
      );
      expect(exceptional.deadline).toMatchObject({
        repairDueAt: null,
        explanation: { status: 'NO_FIXED_TERM', rule: 'FLT-10' },
      });
      const marked = exceptional.timeline.find((e) => e.type === 'FaultMarkedComplex')!;
      expect(marked.actor).toEqual({ id: 'sup-1', role: 'supervisor' });

      await setClock('2026-11-11T09:00:00+01:00');
      expectProblem(
        await post(`/v1/outages/${outageId}/updates`, { forceMajeureEndedOn: '2026-11-10' }),
        403,
        'forbidden',
      );
      await post(
        `/v1/outages/${outageId}/updates`,
        { forceMajeureEndedOn: '2026-11-10' },
        supervisor,
      ).expect(200);
      await eventually(
        () => detail(fault.faultId),
        (d) => d.timeline.some((e) => e.type === 'ExceptionalFaultUpdated'),
        'the end of the force majeure on the fault',
      );
      // The original 4-day deadline (11-11) passes: no miss, there is no fixed term.
      await setClock('2026-11-13T09:00:00+01:00');
      const closed = await restoreAndClose(fault.faultId, '2026-11-18T10:00:00+01:00');
      expect(closed.timeline.map((e) => e.type)).not.toContain('RepairDeadlineMissed');
      expect(closed.indemnity.assessed).toMatchObject({
        indemnityType: 'EXCEPTIONAL_FAULT',
        countedFrom: '2026-11-15',
        daysOfDelay: 4,
        dailyCents: 250,
        amountCents: 1000,
        rules: expect.arrayContaining(['FLT-10', 'IND-9', 'AMB-15']),
      });
      const outage = await get(`/v1/outages/${outageId}`, supervisor).expect(200);
      expect(outage.body).toMatchObject({
        kind: 'EXCEPTIONAL_WIDESPREAD',
        forceMajeure: { from: '2026-11-05', endedOn: '2026-11-10' },
      });
    });
  });

  describe('complex faults (AMB-7, FLT-8)', () => {
    it('an operator cannot mark a fault complex (403); Fastweb: the clock keeps running, a late repair is held for review, then approved', async () => {
      await setClock('2026-05-04T09:05:00+02:00');
      const fault = await report('FASTWEB', '2026-05-04T09:00:00+02:00');
      const body = { complexity: 'COMPLEX', reasons: ['Guasto su tratta in fibra condivisa'] };
      expectProblem(await post(`/v1/faults/${fault.faultId}/complexity`, body), 403, 'forbidden');
      expect(await types(fault.faultId)).toEqual(['FaultReported']);
      const marked = await post(`/v1/faults/${fault.faultId}/complexity`, body, supervisor).expect(
        200,
      );
      expect(marked.body.repairDueAt).toBe('2026-05-07T07:00:00.000Z');
      const shown = await detail(fault.faultId);
      expect(shown.regime).toBe('COMPLEX_UNDER_REVIEW');

      const closed = await restoreAndClose(fault.faultId, '2026-05-08T09:00:00+02:00');
      expect(closed.indemnity.assessed).toMatchObject({
        daysOfDelay: 1,
        amountCents: 500,
        status: 'on_hold',
      });
      const review = { decision: 'approved', reason: 'Ritardo imputabile a Fastweb' };
      expectProblem(
        await post(`/v1/faults/${fault.faultId}/indemnity-review`, review),
        403,
        'forbidden',
      );
      await post(`/v1/faults/${fault.faultId}/indemnity-review`, review, supervisor).expect(200);
      expect((await detail(fault.faultId)).indemnity.review).toMatchObject({
        decision: 'approved',
        reviewedBy: 'sup-1',
        amountCents: 500,
      });
    });

    it('FLT-8: PSA complex fault has no fixed term; its timer is cancelled', async () => {
      await setClock('2026-05-04T09:05:00+02:00');
      const fault = await report('PSA', '2026-05-04T09:00:00+02:00');
      const marked = await post(
        `/v1/faults/${fault.faultId}/complexity`,
        { complexity: 'COMPLEX', reasons: ['Scavo con permesso comunale'] },
        supervisor,
      ).expect(200);
      expect(marked.body.repairDueAt).toBeNull();
      const shown = await detail(fault.faultId);
      expect(shown.deadline.explanation).toMatchObject({ status: 'NO_FIXED_TERM', rule: 'FLT-8' });
      expect(shown.timeline.find((e) => e.type === 'FaultMarkedComplex')!.data).toMatchObject({
        statusPublicationRequired: true,
      });
      await setClock('2026-05-20T09:00:00+02:00');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await types(fault.faultId)).not.toContain('RepairDeadlineMissed');
    });
  });

  describe('repair method, input, roles and concurrency', () => {
    it('FLT-2, SUP-6, SUP-5: remote first, then a technician with a badge; never a payment on site', async () => {
      await setClock('2026-06-08T10:05:00+02:00');
      const fault = await report('FASTWEB', '2026-06-08T10:00:00+02:00');
      const early = await post(`/v1/faults/${fault.faultId}/technician-visits`, {
        scheduledFor: '2026-06-09T15:00:00+02:00',
      });
      expect(expectProblem(early, 422)).toMatchObject({ ruleId: 'FLT-2' });
      await setClock('2026-06-08T11:05:00+02:00');
      const remote = await post(`/v1/faults/${fault.faultId}/remote-interventions`, {
        performedAt: '2026-06-08T11:00:00+02:00',
        outcome: 'not_resolved',
        notes: 'Reset remoto della porta',
      }).expect(200);
      expect(remote.body.interventionId).toEqual(expect.any(String));
      const visit = await post(`/v1/faults/${fault.faultId}/technician-visits`, {
        scheduledFor: '2026-06-09T15:00:00+02:00',
      }).expect(200);
      await setClock('2026-06-09T16:00:00+02:00');
      const visitPath = `/v1/faults/${fault.faultId}/technician-visits/${visit.body.visitId}/outcome`;
      const done = {
        visitedAt: '2026-06-09T15:30:00+02:00',
        badgeId: 'FW-TEC-04512',
        outcome: 'resolved',
      };
      const payment = await post(visitPath, { ...done, onSitePaymentCents: 5000 });
      expect(expectProblem(payment, 422)).toMatchObject({
        ruleId: 'SUP-5',
        field: 'onSitePayment',
      });
      const noBadge = await post(visitPath, { ...done, badgeId: undefined });
      expect(expectProblem(noBadge, 400, 'validation-failed').errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'badgeId' })]),
      );
      await post(visitPath, { ...done, interventionCostCents: 4900 }).expect(200);
      const shown = await detail(fault.faultId);
      expect(shown.timeline.map((e) => e.type)).toEqual([
        'FaultReported',
        'RemoteInterventionRecorded',
        'TechnicianVisitScheduled',
        'TechnicianVisitDone',
      ]);
      expect(shown.timeline[3].data).toMatchObject({
        badgeId: 'FW-TEC-04512',
        interventionCost: {
          amountCents: 4900,
          currency: 'EUR',
          on: 'first_invoice_after_intervention',
        },
      });
    });

    it('refuses bad input with problem+json naming each field and the reason; nothing is stored', async () => {
      await setClock('2026-06-10T10:00:00+02:00');
      const before = (await get('/v1/faults?limit=200&status=open&operator=SKYFW').expect(200)).body
        .items.length;
      const bad = await post('/v1/faults', {
        operator: 'fastweb',
        customer: { customerType: 'company', name: '', email: 'not-an-address' },
        service: 'broadband',
        channel: 'pigeon',
        description: 'x',
        reportedAt: '2026-06-10 09:00',
        colour: 'red',
      });
      const problem = expectProblem(bad, 400, 'validation-failed');
      const fields = (problem.errors as { field: string; reason: string }[]).map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'operator',
          'customer.customerType',
          'customer.name',
          'customer.email',
          'lineId',
          'channel',
          'reportedAt',
          'colour',
        ]),
      );
      for (const error of problem.errors as { reason: string }[])
        expect(error.reason).toEqual(expect.any(String));
      expect(bad.text).not.toContain('not-an-address');

      const future = await post('/v1/faults', {
        operator: 'SKYFW',
        customer: residential,
        lineId: '0212345678',
        service: 'broadband',
        channel: 'phone',
        description: 'Linea muta',
        reportedAt: '2026-06-11T09:00:00+02:00',
      });
      expect(expectProblem(future, 422)).toMatchObject({ ruleId: 'FLT-1', field: 'reportedAt' });
      const windtre = await post('/v1/faults', {
        operator: 'WINDTRE',
        customer: residential,
        lineId: '0212345678',
        service: 'broadband',
        channel: 'phone',
        description: 'Linea muta',
      });
      expect(expectProblem(windtre, 422)).toMatchObject({ ruleId: 'CAL-9', field: 'operator' });
      const after = (await get('/v1/faults?limit=200&status=open&operator=SKYFW').expect(200)).body
        .items.length;
      expect(after).toBe(before);

      expectProblem(await get('/v1/faults/not-a-uuid'), 400, 'validation-failed');
      expectProblem(await get('/v1/faults?overdue=maybe'), 400, 'validation-failed');
      expectProblem(await get('/v1/faults?cursor=bogus'), 400, 'validation-failed');
      expectProblem(await get('/v1/faults/0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b'), 404, 'not-found');
    });

    it('roles: auditors read but never write; readers find a fault by its reference; a stale If-Match is refused (412)', async () => {
      await setClock('2026-06-10T10:05:00+02:00');
      const fault = await report('SKYFW', '2026-06-10T10:00:00+02:00');
      expect(fault.repairDueAt).toBe('2026-06-13T08:00:00.000Z');
      expectProblem(
        await post(
          `/v1/faults/${fault.faultId}/restoration`,
          { restoredAt: '2026-06-10T10:01:00+02:00' },
          auditor,
        ),
        403,
        'forbidden',
      );
      expectProblem(await post('/v1/faults', { operator: 'SKYFW' }, auditor), 403, 'forbidden');
      const found = await get(`/v1/faults/by-reference/${fault.reference}`, auditor).expect(200);
      expect(found.body.faultId).toBe(fault.faultId);
      expect(found.headers.etag).toBe('"0"');

      await post(`/v1/faults/${fault.faultId}/remote-interventions`, {
        performedAt: '2026-06-10T10:02:00+02:00',
        outcome: 'not_resolved',
      })
        .set('If-Match', '"0"')
        .expect(200);
      const stale = await post(`/v1/faults/${fault.faultId}/restoration`, {
        restoredAt: '2026-06-10T10:03:00+02:00',
      }).set('If-Match', '"0"');
      expect(expectProblem(stale, 412, 'precondition-failed')).toMatchObject({
        currentRevision: 1,
      });
    });

    it('reopening: refused where the policy sets no window (RULES §4.2): a new fault is reported', async () => {
      await setClock('2026-06-15T10:05:00+02:00');
      const fault = await report('FASTWEB', '2026-06-15T10:00:00+02:00');
      await restoreAndClose(fault.faultId, '2026-06-15T12:00:00+02:00');
      const reopened = await post(`/v1/faults/${fault.faultId}/reopening`, {
        reason: 'Di nuovo muto',
      });
      expect(expectProblem(reopened, 409, 'conflicting-state')).toMatchObject({
        reopenWindowDays: null,
      });
    });

    it('FLT-4: out of scope needs where the fault lies; closes with no indemnity', async () => {
      await setClock('2026-06-16T10:05:00+02:00');
      const fault = await report('FASTWEB', '2026-06-16T10:00:00+02:00');
      const missing = await post(`/v1/faults/${fault.faultId}/closure`, {
        outcome: 'out_of_scope',
      });
      expect(expectProblem(missing, 422)).toMatchObject({ ruleId: 'FLT-4', field: 'finding' });
      await post(`/v1/faults/${fault.faultId}/closure`, {
        outcome: 'out_of_scope',
        finding: 'Guasto sul modem del cliente',
      }).expect(200);
      const shown = await detail(fault.faultId);
      expect(shown.status).toBe('closed');
      expect(shown.indemnity.current).toMatchObject({ basis: 'out_of_scope', amountCents: 0 });
    });
  });

  it('what-if: open faults under a candidate Fastweb version with a 48-hour term, nothing changed', async () => {
    await setClock('2026-07-01T10:05:00+02:00');
    const fault = await report('FASTWEB', '2026-07-01T10:00:00+02:00');
    await eventually(
      async () => (await get(`/v1/faults?reference=${fault.reference}`).expect(200)).body,
      (page: { items: unknown[] }) => page.items.length === 1,
      'the fault in the read model',
    );
    await setClock('2026-07-04T12:00:00+02:00');
    const current = (await get('/v1/policies/FASTWEB@cds-2017', supervisor).expect(200)).body;
    const candidate = {
      ...current,
      version: 'FASTWEB@candidate-48h',
      effectiveFrom: '2026-09-01',
      faults: { ...current.faults, repairTerm: { ...current.faults.repairTerm, value: 48 } },
    };
    const answer = await post(
      '/v1/policies/what-if',
      { policy: candidate, ticketKind: 'fault', limit: 500 },
      supervisor,
    ).expect(200);
    const ticket = answer.body.tickets.find(
      (t: { ticketId: string }) => t.ticketId === fault.faultId,
    );
    expect(ticket).toMatchObject({
      ticketKind: 'fault',
      reference: fault.reference,
      candidateWouldApply: false,
      current: { policyVersion: 'FASTWEB@cds-2017', dueAt: '2026-07-04T08:00:00.000Z' },
      candidate: {
        policyVersion: 'FASTWEB@candidate-48h',
        dueAt: '2026-07-03T08:00:00.000Z',
        indemnity: { daysLate: 2, amountCents: 1000, status: 'accruing' },
      },
      changed: true,
    });
    expect(ticket.current.indemnity).toMatchObject({ daysLate: 1, amountCents: 500 });
    expect((await detail(fault.faultId)).deadline.repairDueAt).toBe('2026-07-04T08:00:00.000Z');
  });

  it('never writes personal data to the logs', () => {
    const logs = booted.logs.lines.join('\n');
    expect(logs).toContain('fault-');
    for (const value of [
      'Marco Bianchi',
      'marco.bianchi',
      'Rossi Impianti',
      '0212345678',
      'Nessuna connessione',
      'Cliente non disponibile',
      'Guasto sul modem',
    ])
      expect(logs).not.toContain(value);
  });
});
