import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import IORedis from 'ioredis';
import {
  closeTestInfrastructure,
  TEST_REDIS_URL,
  testDatabase,
} from '../support/test-infrastructure';
import { CALLER, client, eventually, INVOLVED, ticket } from './support';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

describe('remote assistance, anti-fraud guard and closure over HTTP (real PostgreSQL and Redis)', () => {
  let booted: BootedApp;
  let c: Awaited<ReturnType<typeof client>>;

  beforeAll(async () => {
    booted = await bootApp();
    c = await client(booted);
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  const remote = (ticketId: string, path = '') =>
    `/v1/assistance/tickets/${ticketId}/remote-sessions${path}`;

  async function propose(ticketId: string) {
    const response = await c
      .post(remote(ticketId), { purpose: 'Raccogliere i log del browser sul PC' })
      .expect(201);
    expect(response.body.sessionCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    return response.body as { sessionId: string; sessionCode: string };
  }

  const authorise = (
    ticketId: string,
    sessionId: string,
    sessionCode: string,
    givenAt: string,
    expiresAt: string,
  ) =>
    c.post(`/v1/assistance/tickets/${ticketId}/consents`, {
      kind: 'remote_assistance',
      sessionId,
      channel: 'remote_software',
      givenAt,
      expiresAt,
      evidenceReference: 'ANYDESK-CONFIRM',
      device: { kind: 'pc', software: 'AnyDesk' },
      sessionCode,
    });

  let remoteTicket: string;
  let s2: string;

  it('AS-34: no remote session without a non-resolutive earlier step (RAS-1); a consent dies with its session (RAS-2, RAS-3)', async () => {
    await c.setClock('2026-03-10T09:00:00+01:00');
    const { ticketId: fresh } = await c.open({
      problem: { category: 'DEVICE', summary: 'Il PC non apre il portale' },
    });
    const early = await c.post(remote(fresh), { purpose: 'Vedere il PC' });
    expect(expectProblem(early, 422, 'rule-violation')).toMatchObject({ ruleId: 'RAS-1' });

    const { ticketId } = await c.open({
      problem: { category: 'DEVICE', summary: 'Il PC non apre il portale' },
    });
    remoteTicket = ticketId;
    await c
      .post(`/v1/assistance/tickets/${ticketId}/steps`, {
        kind: 'data_collection',
        outcome: 'not_resolved',
        note: 'Raccolti i dati: il problema persiste',
      })
      .expect(200);
    await c.setClock('2026-03-10T10:00:00+01:00');
    const s1 = await propose(ticketId);
    await c.setClock('2026-03-10T10:02:00+01:00');
    const wrongCode = await authorise(
      ticketId,
      s1.sessionId,
      'ZZZZ-ZZZZ',
      '2026-03-10T10:02:00+01:00',
      '2026-03-10T12:00:00+01:00',
    );
    expect(expectProblem(wrongCode, 422)).toMatchObject({ ruleId: 'RAS-2', field: 'sessionCode' });
    const c1 = (
      await authorise(
        ticketId,
        s1.sessionId,
        s1.sessionCode,
        '2026-03-10T10:02:00+01:00',
        '2026-03-10T12:00:00+01:00',
      ).expect(200)
    ).body.id as string;
    await c.setClock('2026-03-10T10:05:00+01:00');
    await c.post(remote(ticketId, `/${s1.sessionId}/start`), { consentId: c1 }).expect(200);
    await c.setClock('2026-03-10T10:40:00+01:00');
    await c.post(remote(ticketId, `/${s1.sessionId}/end`), { outcome: 'not_resolved' }).expect(200);
    const later = await c.post(remote(ticketId, `/${s1.sessionId}/actions`), {
      action: 'observe',
      description: 'Guardo la cartella dei log',
    });
    expect(expectProblem(later, 422)).toMatchObject({ ruleId: 'RAS-3' });

    await c.setClock('2026-03-12T13:58:00+01:00');
    const second = await propose(ticketId);
    s2 = second.sessionId;
    await c.setClock('2026-03-12T14:00:00+01:00');
    const reused = await c.post(remote(ticketId, `/${s2}/start`), { consentId: c1 });
    expect(expectProblem(reused, 422)).toMatchObject({
      ruleId: 'RAS-3',
      detail:
        'This consent expired with the session it was given for: a new session needs a new consent',
    });
    const restart = await c.post(remote(ticketId, `/${s1.sessionId}/start`), { consentId: c1 });
    expect(expectProblem(restart, 422)).toMatchObject({ ruleId: 'RAS-3' });

    const c2 = (
      await authorise(
        ticketId,
        s2,
        second.sessionCode,
        '2026-03-12T14:00:00+01:00',
        '2026-03-12T16:00:00+01:00',
      ).expect(200)
    ).body.id as string;
    const again = await authorise(
      ticketId,
      s2,
      second.sessionCode,
      '2026-03-12T14:00:00+01:00',
      '2026-03-12T16:00:00+01:00',
    );
    expect(expectProblem(again, 422)).toMatchObject({ ruleId: 'RAS-3' });
    await c.setClock('2026-03-12T14:01:00+01:00');
    await c.post(remote(ticketId, `/${s2}/start`), { consentId: c2 }).expect(200);

    const trail = await c.audit(ticketId);
    const consents = trail.filter((e) => e.type === 'CustomerConsentRecorded');
    expect(consents.map((e) => e.data)).toEqual([
      expect.objectContaining({
        consentId: c1,
        sessionId: s1.sessionId,
        channel: 'remote_software',
        givenAt: '2026-03-10T09:02:00.000Z',
        device: { kind: 'pc', software: 'AnyDesk' },
      }),
      expect.objectContaining({
        consentId: c2,
        sessionId: s2,
        givenAt: '2026-03-12T13:00:00.000Z',
      }),
    ]);
    expect(JSON.stringify(trail)).not.toContain(s1.sessionCode);
  });

  it('AS-35: an action on the device beyond observing needs its own prior consent (RAS-5), recorded before it', async () => {
    const ticketId = remoteTicket;
    await c.setClock('2026-03-12T15:00:00+01:00');
    await c
      .post(remote(ticketId, `/${s2}/actions`), {
        action: 'observe',
        description: 'Controllo la versione del browser',
      })
      .expect(200);
    const install = {
      action: 'install_software',
      description: 'Installo un browser diverso da quello presente',
    };
    const refused = await c.post(remote(ticketId, `/${s2}/actions`), install);
    expect(expectProblem(refused, 422, 'rule-violation')).toMatchObject({
      ruleId: 'RAS-5',
      field: 'consentId',
    });

    await c.setClock('2026-03-12T15:07:00+01:00');
    const consentId = (
      await c
        .post(`/v1/assistance/tickets/${ticketId}/consents`, {
          kind: 'device_action',
          sessionId: s2,
          channel: 'phone',
          givenAt: '2026-03-12T15:07:00+01:00',
          expiresAt: '2026-03-12T15:30:00+01:00',
          evidenceReference: 'VOCALE-1507',
          action: { kind: 'install_software', description: 'Installare Firefox' },
        })
        .expect(200)
    ).body.id as string;
    const withoutNaming = await c.post(remote(ticketId, `/${s2}/actions`), install);
    expect(expectProblem(withoutNaming, 422)).toMatchObject({ ruleId: 'RAS-5' });
    await c.setClock('2026-03-12T15:08:00+01:00');
    await c.post(remote(ticketId, `/${s2}/actions`), { ...install, consentId }).expect(200);
    const twice = await c.post(remote(ticketId, `/${s2}/actions`), { ...install, consentId });
    expect(expectProblem(twice, 422)).toMatchObject({ ruleId: 'RAS-5' });

    const types = await c.types(ticketId);
    const consentAt = types.lastIndexOf('CustomerConsentRecorded');
    const actionAt = types.lastIndexOf('RemoteDeviceActionPerformed');
    expect(consentAt).toBeGreaterThan(-1);
    expect(actionAt).toBeGreaterThan(consentAt);
    const action = (await c.audit(ticketId))[actionAt];
    expect(action.data).toMatchObject({ action: 'install_software', consentId });
  });

  it('AS-36: identity-document and card requests are refused with the rule id and recorded for supervisors; the e-invoicing exception is allowed', async () => {
    await c.setClock('2026-03-20T10:00:00+01:00');
    const fault = await c
      .post('/v1/faults', {
        operator: 'FASTWEB',
        customer: { customerType: 'residential', name: 'Giulia Romanelli' },
        lineId: '0212345678',
        service: 'broadband',
        channel: 'phone',
        description: 'Nessuna connessione',
        reportedAt: '2026-03-20T09:00:00+01:00',
      })
      .expect(201);
    const missing = await c.post(
      '/v1/assistance/tickets',
      ticket({
        linkedTo: { kind: 'fault', id: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' },
      }),
    );
    expect(expectProblem(missing, 400, 'validation-failed').errors).toEqual([
      { field: 'linkedTo.id', reason: 'must be the id of an existing fault' },
    ]);
    const { ticketId } = await c.open({
      problem: { category: 'CONNECTIVITY', summary: 'Linea assente' },
      linkedTo: { kind: 'fault', id: fault.body.faultId },
    });

    const identity = await c.post(`/v1/assistance/tickets/${ticketId}/data-requests`, {
      kind: 'IDENTITY_DOCUMENT',
      reason: `Verifica identità di ${CALLER.firstName} ${CALLER.lastName}`,
    });
    expect(expectProblem(identity, 422, 'rule-violation')).toMatchObject({
      ruleId: 'SUP-1',
      recorded: 'ProhibitedDataRequestBlocked',
      hint: expect.stringContaining('MyFastweb'),
    });
    const card = await c.post(`/v1/assistance/tickets/${ticketId}/data-requests`, {
      kind: 'PAYMENT_CARD',
      reason: 'Carta scaduta',
    });
    expect(expectProblem(card, 422)).toMatchObject({ ruleId: 'SUP-3' });

    const trail = await c.audit(ticketId);
    const blocked = trail.filter((e) => e.type === 'ProhibitedDataRequestBlocked');
    expect(blocked.map((e) => [e.data.kind, e.data.ruleId, e.data.operatorId])).toEqual([
      ['IDENTITY_DOCUMENT', 'SUP-1', 'op-1'],
      ['PAYMENT_CARD', 'SUP-3', 'op-1'],
    ]);
    expect(JSON.stringify(blocked)).not.toContain(CALLER.lastName);

    await eventually(async () => {
      const alerts = await c.get(
        `/v1/assistance/conduct-alerts?ticketId=${ticketId}`,
        c.tokens.supervisor,
      );
      return alerts.body.items?.length === 2;
    }, 'the conduct alerts');
    const alerts = (
      await c.get(`/v1/assistance/conduct-alerts?ticketId=${ticketId}`, c.tokens.supervisor)
    ).body.items;
    expect(
      alerts.map((a: { ruleId: string; attempted: string }) => [a.ruleId, a.attempted]),
    ).toEqual([
      ['SUP-3', 'PAYMENT_CARD'],
      ['SUP-1', 'IDENTITY_DOCUMENT'],
    ]);
    expectProblem(await c.get('/v1/assistance/conduct-alerts'), 403, 'forbidden');

    const { ticketId: einvoice } = await c.open({
      problem: { category: 'E_INVOICE_TAX_CODE_MISMATCH', summary: 'Codice fiscale errato' },
    });
    await c
      .post(`/v1/assistance/tickets/${einvoice}/data-requests`, {
        kind: 'PERSONAL_DATA',
        reason: 'Codice fiscale del contratto errato: fatturazione elettronica',
      })
      .expect(200);
    const allowed = (await c.audit(einvoice)).find((e) => e.type === 'CustomerDataRequested');
    expect(allowed?.data).toMatchObject({
      exception: 'SUP-4',
      sendTo: 'documentionline@fastweb.it',
      reason: 'Codice fiscale del contratto errato: fatturazione elettronica',
    });
  });

  it('PRV-2, PRV-12: only the profile’s fields are taken; identity-document images are refused', async () => {
    const extra = await c.post(
      '/v1/assistance/tickets',
      ticket({ caller: { ...CALLER, birthDate: '1985-03-01' } }),
    );
    expect(expectProblem(extra, 400, 'validation-failed').errors).toEqual([
      expect.objectContaining({ field: 'caller.birthDate' }),
    ]);
    const { ticketId } = await c.open();
    const document = await c.post(`/v1/assistance/tickets/${ticketId}/attachments`, {
      classification: 'IDENTITY_DOCUMENT',
      storageReference: 'blob://id-card',
      description: 'Carta d’identità',
    });
    expect(expectProblem(document, 422)).toMatchObject({
      ruleId: 'PRV-12',
      field: 'classification',
    });
    await c
      .post(`/v1/assistance/tickets/${ticketId}/attachments`, {
        classification: 'SCREENSHOT',
        storageReference: 'blob://screenshot',
        description: 'Errore di login',
      })
      .expect(200);
  });

  it('AS-39: after closure no operation on the customer data until a new contact reopens the ticket; auditors always read (PRV-5, PRV-3)', async () => {
    await c.setClock('2026-03-30T10:00:00+02:00');
    const { ticketId } = await c.open();
    const detail = (await c.get(`/v1/assistance/tickets/${ticketId}`).expect(200)).body;
    const caller = detail.people.find((p: { role: string }) => p.role === 'caller');
    await c.setClock('2026-04-01T09:50:00+02:00');
    const sessionId = (
      await c
        .post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions`, {
          platform: 'customer-portal',
          purpose: 'Riprodurre il problema',
          areas: ['login'],
        })
        .expect(201)
    ).body.sessionId;
    const consentId = (
      await c
        .post(`/v1/assistance/tickets/${ticketId}/consents`, {
          kind: 'impersonation',
          sessionId,
          channel: 'email',
          givenAt: '2026-04-01T09:50:00+02:00',
          expiresAt: '2026-04-01T12:00:00+02:00',
          evidenceReference: 'MAIL-0330',
        })
        .expect(200)
    ).body.id;
    const started = await c
      .post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions/${sessionId}/start`, {
        consentId,
      })
      .expect(200);

    await c.setClock('2026-04-01T10:00:00+02:00');
    await c
      .post(`/v1/assistance/tickets/${ticketId}/closure`, { resolution: 'resolved' })
      .expect(200);
    const token = await booted.http
      .post('/v1/assistance/impersonation/activity')
      .set('Authorization', `Bearer ${started.body.token}`)
      .send({ kind: 'view', area: 'login', resource: '/login' });
    expect(expectProblem(token, 401)).toMatchObject({ refusal: 'session_not_active' });

    await c.setClock('2026-04-10T10:00:00+02:00');
    const edit = await c.post(`/v1/assistance/tickets/${ticketId}/contact-details`, {
      subjectId: caller.subjectId,
      phone: '+39 333 0001111',
    });
    expect(expectProblem(edit, 422, 'rule-violation')).toMatchObject({ ruleId: 'PRV-5' });
    const courtesy = await c.post(`/v1/assistance/tickets/${ticketId}/callbacks`, {
      at: '2026-04-11T10:00:00+02:00',
      purpose: 'courtesy',
    });
    expect(expectProblem(courtesy, 422)).toMatchObject({ ruleId: 'PRV-5' });
    const data = await c.post(`/v1/assistance/tickets/${ticketId}/steps`, {
      kind: 'consultation',
      outcome: 'not_resolved',
      note: 'Controllo dopo la chiusura',
    });
    expect(expectProblem(data, 422)).toMatchObject({ ruleId: 'PRV-5' });

    const asOperator = (await c.get(`/v1/assistance/tickets/${ticketId}`).expect(200)).body;
    expect(asOperator).toMatchObject({
      status: 'closed',
      people: null,
      problem: { summary: null },
      withheld: { ruleId: 'PRV-5' },
    });
    const asAuditor = (
      await c.get(`/v1/assistance/tickets/${ticketId}`, c.tokens.auditor).expect(200)
    ).body;
    expect(asAuditor.people[0]).toMatchObject({ firstName: CALLER.firstName });

    await c.setClock('2026-04-15T09:30:00+02:00');
    await c
      .post(`/v1/assistance/tickets/${ticketId}/contacts`, {
        channel: 'email',
        receivedAt: '2026-04-15T09:00:00+02:00',
        summary: 'Il problema si ripresenta',
      })
      .expect(200);
    await c
      .post(`/v1/assistance/tickets/${ticketId}/contact-details`, {
        subjectId: caller.subjectId,
        phone: '+39 333 0001111',
      })
      .expect(200);
    const stillCourtesy = await c.post(`/v1/assistance/tickets/${ticketId}/callbacks`, {
      at: '2026-04-16T10:00:00+02:00',
      purpose: 'courtesy',
    });
    expect(expectProblem(stillCourtesy, 422)).toMatchObject({ ruleId: 'PRV-3', field: 'purpose' });
    await c
      .post(`/v1/assistance/tickets/${ticketId}/callbacks`, {
        at: '2026-04-16T10:00:00+02:00',
        purpose: 'continue_resolution',
      })
      .expect(200);

    const reopened = (await c.get(`/v1/assistance/tickets/${ticketId}`).expect(200)).body;
    expect(reopened.people[0]).toMatchObject({ phone: '+39 333 0001111' });
    const trail = await c.audit(ticketId);
    expect(trail.map((e) => e.type)).toEqual([
      'AssistanceTicketOpened',
      'ImpersonationRequested',
      'CustomerConsentRecorded',
      'ImpersonationSessionStarted',
      'ImpersonationTokenIssued',
      'ImpersonationSessionEnded',
      'AssistanceTicketClosed',
      'ImpersonationTokenRefused',
      'CustomerContactRecorded',
      'AssistanceTicketReopened',
      'AssistanceContactDetailsUpdated',
      'AssistanceCallbackScheduled',
    ]);
    expect(trail[5].data).toMatchObject({ reason: 'ticket_closed' });
    expect(trail[6].data).toMatchObject({ closedAt: '2026-04-01T08:00:00.000Z' });

    await eventually(async () => {
      const list = await c.get(`/v1/assistance/tickets?reference=${detail.reference}`);
      return list.body.items?.[0]?.reopened === 1;
    }, 'the list to show the reopening');
    const listed = (await c.get(`/v1/assistance/tickets?reference=${detail.reference}`)).body
      .items[0];
    expect(listed).toMatchObject({ ticketId, status: 'open', liveSessions: 0 });
    expect(JSON.stringify(listed)).not.toContain(CALLER.firstName);
  });

  it('writes no personal data to the logs, the read model or the queued jobs', async () => {
    const logs = booted.logs.text();
    for (const value of [...Object.values(CALLER), ...Object.values(INVOLVED)])
      expect(logs).not.toContain(value);
    for (const table of [
      'assistance_tickets',
      'assistance_sessions',
      'assistance_conduct_alerts',
    ]) {
      const { rows } = await testDatabase().query(`SELECT * FROM ${booted.schema}.${table}`);
      for (const value of Object.values(CALLER)) expect(JSON.stringify(rows)).not.toContain(value);
    }
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${booted.redisPrefix}:*`);
      const jobs = keys.filter((key) => /:deadlines:[^:]+$/.test(key));
      expect(jobs.length).toBeGreaterThan(0);
      for (const key of jobs) {
        if ((await redis.type(key)) !== 'hash') continue;
        const payload = JSON.stringify(await redis.hgetall(key));
        for (const value of Object.values(CALLER)) expect(payload).not.toContain(value);
      }
    } finally {
      redis.disconnect();
    }
  });
});
