import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(120_000);

type CustomerType = 'residential' | 'business';
const REQUESTED = { name: 'Rossi Mario', number: '011 1234567', address: 'Via Po 3, Torino' };
const customer = (customerType: CustomerType) => ({
  customerType,
  name: 'Mario Rossi',
  ...(customerType === 'business' ? { vatNumber: '01234567890' } : {}),
});

interface Detail {
  errorId: string;
  reference: string;
  status: string;
  customer: Record<string, unknown>;
  lineId: string;
  requested: Record<string, unknown>;
  published: Record<string, unknown> | null;
  errorKind: string;
  wrongFields: string[];
  attribution: Record<string, unknown> | null;
  correction: Record<string, unknown> | null;
  indemnity: {
    assessed: Record<string, unknown> | null;
    flat: Record<string, unknown> | null;
    regulatoryReference: Record<string, unknown> | null;
  };
  timeline: { type: string }[];
}

/** RULES §7 directory scenario (AS-28) over HTTP on PostgreSQL and Redis, on a test clock. */
describe('directory errors over HTTP', () => {
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
    (await get(`/v1/directory-errors/${id}`, token).expect(200)).body;

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  const reportBody = (
    operatorCode: string,
    customerType: CustomerType,
    extra: Record<string, unknown> = {},
  ) => ({
    operator: operatorCode,
    customer: customer(customerType),
    lineId: '0111234567',
    medium: 'printed_directory',
    requested: { publish: true, basis: 'customer_request', listing: REQUESTED },
    published: { ...REQUESTED, number: '011 7654321' },
    erroneousSince: '2025-03-01',
    discoveredOn: '2026-02-20',
    reportedAt: '2026-02-20T10:00:00+01:00',
    channel: 'phone',
    ...extra,
  });

  async function report(
    operatorCode: string,
    customerType: CustomerType,
    extra: Record<string, unknown> = {},
  ): Promise<{ errorId: string; reference: string; errorKind: string; wrongFields: string[] }> {
    const response = await post(
      '/v1/directory-errors',
      reportBody(operatorCode, customerType, extra),
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  it('AS-28: a Fastweb listing with a wrong number for 12 months, attributed to Fastweb: €25.00 residential / €50.00 business flat; regulatory reference €200.00 / €800.00 for one year', async () => {
    await setClock('2026-02-20T10:05:00+01:00');
    const residential = await report('FASTWEB', 'residential');
    const business = await report('FASTWEB', 'business');
    expect(residential).toMatchObject({
      reference: expect.stringMatching(/^DE-2026-[0-9A-Z]{8}$/),
      errorKind: 'WRONG_DATA',
      wrongFields: ['number'],
    });
    expect((await detail(residential.errorId)).indemnity).toMatchObject({
      assessed: null,
      flat: {
        customerType: 'residential',
        amountCents: 2500,
        whateverTheDuration: true,
        rules: ['IND-3', 'DIR-4'],
        clause: 'FW-CDS §5.3; FW-CGC 9.1',
      },
    });

    await setClock('2026-03-01T09:00:00+01:00');
    for (const { errorId } of [residential, business])
      await post(`/v1/directory-errors/${errorId}/correction`, { correctedOn: '2026-03-01' })
        .set('If-Match', '"0"')
        .expect(200);
    await setClock('2026-03-05T09:00:00+01:00');
    const expected = [
      [residential, 2500, 1, 20000],
      [business, 5000, 4, 80000],
    ] as const;
    for (const [{ errorId }, flat, multiplier, reference] of expected) {
      const decided = await post(`/v1/directory-errors/${errorId}/attribution`, {
        attributable: true,
        reason: 'Numero inserito male dal back office',
      }).expect(200);
      expect(decided.body.events).toEqual([
        'DirectoryErrorAttributionDecided',
        'DirectoryErrorIndemnityAssessed',
      ]);
      const shown = await detail(errorId);
      expect(shown.indemnity.assessed).toMatchObject({
        indemnityType: 'DIRECTORY_ERROR',
        contractual: { flatCents: flat, amountCents: flat, rules: ['IND-3', 'DIR-4'] },
        regulatoryReference: {
          from: '2025-03-01',
          to: '2026-03-01',
          until: 'corrected',
          years: 1,
          centsPerYear: 20000,
          multiplier,
          amountCents: reference,
          rules: ['EXT-IND-6', 'EXT-IND-8'],
        },
        creditedCents: flat,
        currency: 'EUR',
        status: 'due',
      });
      expect(shown.indemnity.regulatoryReference).toMatchObject({ amountCents: reference });
    }

    const ledger = await eventually(
      async () =>
        (
          await get(
            '/v1/directory-errors?operator=FASTWEB&attribution=attributable',
            auditor,
          ).expect(200)
        ).body.items as {
          errorId: string;
          customerType: string;
          indemnity: { creditedCents: number; regulatoryReferenceCents: number } | null;
        }[],
      (items) => items.length === 2,
      'the ledger rows',
    );
    expect(
      ledger
        .map((r) => [
          r.customerType,
          r.indemnity?.creditedCents,
          r.indemnity?.regulatoryReferenceCents,
        ])
        .sort(),
    ).toEqual([
      ['business', 5000, 80000],
      ['residential', 2500, 20000],
    ]);
    expect(JSON.stringify(ledger)).not.toMatch(/Rossi|011 \d|Via Po/);
  });

  it('IND-3: the flat figure is independent of the duration; PSA sets none (reference only); a non-attributable error owes nothing', async () => {
    await setClock('2026-03-10T09:00:00+01:00');
    const long = await report('FASTWEB', 'residential', {
      erroneousSince: '2024-01-10',
      reportedAt: '2026-03-10T08:00:00+01:00',
      discoveredOn: '2026-03-10',
    });
    const psa = await report('PSA', 'residential', {
      reportedAt: '2026-03-10T08:00:00+01:00',
      discoveredOn: '2026-03-10',
    });
    const customerFault = await report('FASTWEB', 'residential', {
      reportedAt: '2026-03-10T08:00:00+01:00',
      discoveredOn: '2026-03-10',
    });
    const reason = { attributable: true, reason: 'Errore di inserimento' };
    await post(`/v1/directory-errors/${long.errorId}/attribution`, reason).expect(200);
    await post(`/v1/directory-errors/${psa.errorId}/attribution`, reason, supervisor).expect(200);
    await post(`/v1/directory-errors/${customerFault.errorId}/attribution`, {
      attributable: false,
      reason: 'Dati errati forniti dal cliente nel modulo',
    }).expect(200);

    expect((await detail(long.errorId)).indemnity.assessed).toMatchObject({
      contractual: { amountCents: 2500 },
      regulatoryReference: { to: '2026-03-10', until: 'assessed', years: 3, amountCents: 60000 },
      creditedCents: 2500,
    });
    expect((await detail(psa.errorId)).indemnity).toMatchObject({
      flat: { amountCents: null, rules: [], clause: null },
      assessed: {
        contractual: null,
        creditedCents: 0,
        status: 'none',
        regulatoryReference: { until: 'assessed', years: 2, amountCents: 40000 },
      },
    });
    const refused = await detail(customerFault.errorId);
    expect(refused.indemnity.assessed).toBeNull();
    expect(refused.timeline.map((e) => e.type)).toEqual([
      'DirectoryErrorReported',
      'DirectoryErrorAttributionDecided',
    ]);
    expectProblem(
      await post(`/v1/directory-errors/${customerFault.errorId}/attribution`, reason),
      409,
      'conflicting-state',
    );
  });

  it('answers bad input with the field and the reason, stores nothing, and lets auditors read only', async () => {
    await setClock('2026-03-20T09:00:00+01:00');
    const base = { reportedAt: '2026-03-20T08:00:00+01:00', discoveredOn: '2026-03-20' };
    const noListing = await post(
      '/v1/directory-errors',
      reportBody('FASTWEB', 'residential', {
        ...base,
        requested: { publish: true, basis: 'customer_request' },
        medium: 'smoke_signals',
      }),
    );
    expect(expectProblem(noListing, 400, 'validation-failed').errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'requested.listing' }),
        expect.objectContaining({ field: 'medium' }),
      ]),
    );
    const early = await post(
      '/v1/directory-errors',
      reportBody('FASTWEB', 'residential', { ...base, discoveredOn: '2025-02-01' }),
    );
    expect(expectProblem(early, 422, 'rule-violation')).toMatchObject({
      ruleId: 'DIR-6',
      field: 'discoveredOn',
    });
    const same = await post(
      '/v1/directory-errors',
      reportBody('FASTWEB', 'residential', { ...base, published: REQUESTED }),
    );
    expect(expectProblem(same, 422)).toMatchObject({ ruleId: 'DIR-6', field: 'published' });
    const notRequested = await post(
      '/v1/directory-errors',
      reportBody('FASTWEB', 'residential', {
        ...base,
        requested: { publish: false, basis: 'customer_refused' },
        published: null,
      }),
    );
    expect(expectProblem(notRequested, 422)).toMatchObject({ ruleId: 'DIR-1', field: 'published' });
    const noFigures = await post(
      '/v1/directory-errors',
      reportBody('WINDTRE', 'residential', base),
    );
    expect(expectProblem(noFigures, 422)).toMatchObject({ ruleId: 'CAL-9', field: 'operator' });
    expectProblem(
      await post('/v1/directory-errors', reportBody('FASTWEB', 'residential', base), auditor),
      403,
    );

    const { errorId } = await report('FASTWEB', 'residential', base);
    expectProblem(
      await post(
        `/v1/directory-errors/${errorId}/attribution`,
        { attributable: true, reason: 'x' },
        auditor,
      ),
      403,
      'forbidden',
    );
    expect(
      expectProblem(
        await post(`/v1/directory-errors/${errorId}/correction`, { correctedOn: '2026-03-25' }),
        422,
      ),
    ).toMatchObject({ field: 'correctedOn' });
    const shown = await detail(errorId, auditor);
    expect(shown).toMatchObject({
      customer: { name: 'Mario Rossi' },
      lineId: '0111234567',
      requested: { listing: REQUESTED },
      published: { number: '011 7654321' },
    });
    expect(shown.timeline.map((e) => e.type)).toEqual(['DirectoryErrorReported']);
    // Refused input appends nothing: the day's list holds the one error accepted.
    const day =
      '/v1/directory-errors?reportedFrom=2026-03-20T00:00:00Z&reportedBefore=2026-03-21T00:00:00Z';
    const stored = await eventually(
      async () => (await get(day).expect(200)).body.items as { errorId: string }[],
      (items) => items.length > 0,
      'the stored error in the list',
    );
    expect(stored.map((i) => i.errorId)).toEqual([errorId]);
    expect(booted.logs.text()).not.toMatch(/Mario Rossi|Rossi Mario|0111234567|7654321/);
  });
});
