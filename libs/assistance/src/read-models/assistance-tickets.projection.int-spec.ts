import { TestClock } from '@sportello/clock';
import { fold } from '@sportello/decider';
import { ProjectionRunner } from '@sportello/eventstore';
import { AssistanceCommand } from '../domain/assistance.commands';
import { assistanceDecider } from '../domain/assistance.decider';
import { AssistanceEvent } from '../domain/assistance.events';
import { ANASTASIS } from '../testing/assistance-profile.fixture';
import { assistanceStoreOnPostgres } from '../testing/assistance-store';
import { assistanceTicketsProjection } from './assistance-tickets.projection';

const clock = new TestClock('2026-03-02T09:00:00Z');
const { db, schema, storage, store, dispose } = assistanceStoreOnPostgres('assistance_rm', clock);
const runner = new ProjectionRunner(db, store, assistanceTicketsProjection, { schema, idleMs: 20 });

beforeAll(async () => {
  await storage.init();
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const ticketId = '01a20386-0000-7000-8000-00000000a001';
const sessionId = '01a20386-0000-7000-8000-00000000a002';
const consentId = '01a20386-0000-7000-8000-00000000a003';
const operator = { id: 'op-1', roles: ['operator'] };

/** The events of a real history, decided one command at a time. */
function decided(steps: [AssistanceCommand, string][]): AssistanceEvent[] {
  const events: AssistanceEvent[] = [];
  for (const [command, now] of steps)
    events.push(
      ...assistanceDecider.decide(command, fold(assistanceDecider, events), {
        now,
        actor: operator,
      }),
    );
  return events;
}

const history = decided([
  [
    {
      type: 'OpenAssistanceTicket',
      ticketId,
      reference: 'AS-2026-TEST0001',
      operator: 'FASTWEB',
      policy: ANASTASIS,
      channel: 'email',
      problem: { category: 'ONLINE_SERVICE', platform: 'customer-portal', summary: 'Login' },
      caller: { subjectId: 'sub-1', role: 'caller', firstName: 'Giulia', phone: '+39 347 0000001' },
      involved: [],
      linkedTo: null,
    },
    '2026-03-02T09:00:00Z',
  ],
  [
    {
      type: 'RequestImpersonation',
      policy: ANASTASIS,
      sessionId,
      subjectId: null,
      platform: 'customer-portal',
      purpose: 'Riprodurre',
      areas: ['login'],
    },
    '2026-03-02T09:01:00Z',
  ],
  [
    {
      type: 'RecordConsent',
      consentId,
      kind: 'impersonation',
      sessionId,
      channel: 'email',
      givenAt: '2026-03-02T09:02:00Z',
      expiresAt: '2026-03-02T10:00:00Z',
      evidenceReference: 'MAIL-1',
      device: null,
      action: null,
      sessionCodeDigest: null,
    },
    '2026-03-02T09:02:00Z',
  ],
  [
    {
      type: 'StartImpersonationSession',
      sessionId,
      consentId,
      token: { tokenId: 'jti-1', audience: 'aud', ttlSeconds: 600 },
    },
    '2026-03-02T09:03:00Z',
  ],
  [
    { type: 'RequestCustomerData', requestId: 'rq-1', kind: 'BANK_ACCOUNT', reason: 'IBAN' },
    '2026-03-02T09:04:00Z',
  ],
]);

const meta = {
  occurredAt: '2026-03-02T09:00:00Z',
  actor: { id: 'op-1', role: 'operator' },
  correlationId: 'c',
};
const append = (events: AssistanceEvent[], expected: number | 'no_stream') =>
  store.append(
    `assistance-${ticketId}`,
    events.map((e) => ({ ...e, metadata: meta })),
    expected,
  );

async function rows(table: string) {
  await runner.caughtUp();
  const { rows: found } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.${table} WHERE ticket_id = $1`,
    [ticketId],
  );
  return found;
}

describe('assistance tickets projection', () => {
  it('given an opening, a started session and a blocked request: a ticket row, a live session, a conduct alert, no personal data', async () => {
    await append(history, 'no_stream');
    const [ticket] = await rows('assistance_tickets');
    expect(ticket).toMatchObject({
      reference: 'AS-2026-TEST0001',
      status: 'open',
      problem_category: 'ONLINE_SERVICE',
      platform: 'customer-portal',
      caller_subject_id: 'sub-1',
      live_sessions: 1,
    });
    const [session] = await rows('assistance_sessions');
    expect(session).toMatchObject({
      session_id: sessionId,
      kind: 'impersonation',
      status: 'active',
    });
    expect(new Date(session.expires_at as string).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    const [alert] = await rows('assistance_conduct_alerts');
    expect(alert).toMatchObject({
      event_type: 'ProhibitedDataRequestBlocked',
      rule_id: 'SUP-3',
      attempted: 'BANK_ACCOUNT',
      actor_id: 'op-1',
    });
    const everything = JSON.stringify([ticket, session, alert]);
    expect(everything).not.toContain('Giulia');
    expect(everything).not.toContain('+39 347 0000001');
  });

  it('seals the personal fields in storage', async () => {
    const stored = await storage.readStream(`assistance-${ticketId}`, {
      direction: 'forwards',
      maxCount: 10,
    });
    const raw = JSON.stringify(stored.map((e) => e.data));
    expect(raw).not.toContain('Giulia');
    expect(raw).not.toContain('Riprodurre');
    expect(raw).toContain('customer-portal');
  });

  it('given the expiry, then closure: the session is expired and the ticket closed without live sessions', async () => {
    const state = fold(assistanceDecider, history);
    const expiry = assistanceDecider.decide({ type: 'ExpireDueSessions' }, state, {
      now: '2026-03-02T10:00:00Z',
      actor: operator,
    });
    const closure = assistanceDecider.decide(
      { type: 'CloseAssistanceTicket', resolution: 'resolved', summary: null },
      fold(assistanceDecider, [...history, ...expiry]),
      { now: '2026-03-02T10:05:00Z', actor: operator },
    );
    await append([...expiry, ...closure], history.length - 1);
    const [ticket] = await rows('assistance_tickets');
    expect(ticket).toMatchObject({ status: 'closed', live_sessions: 0 });
    const [session] = await rows('assistance_sessions');
    expect(session).toMatchObject({ status: 'expired' });
  });
});
