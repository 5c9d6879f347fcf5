import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { ANASTASIS } from '../testing/assistance-profile.fixture';
import {
  AssistanceCommand,
  OpenAssistanceTicket,
  RecordConsent,
  TokenRequest,
} from './assistance.commands';
import { assistanceDecider } from './assistance.decider';
import { AssistanceEvent } from './assistance.events';
import { recordedRefusalOf } from './recorded-refusals';
import { tokenVerdict } from './token-verdict';

const operator = { id: 'op-1', roles: ['operator'] };
const spec = (now: string) => deciderSpec(assistanceDecider, { now, actor: operator });

function open(overrides: Partial<OpenAssistanceTicket> = {}): OpenAssistanceTicket {
  return {
    type: 'OpenAssistanceTicket',
    ticketId: 't-1',
    reference: 'AS-2026-TEST0001',
    operator: 'FASTWEB',
    policy: ANASTASIS,
    channel: 'phone',
    problem: {
      category: 'ONLINE_SERVICE',
      platform: 'customer-portal',
      summary: 'Il login al portale fallisce',
    },
    caller: {
      subjectId: 's-1',
      role: 'caller',
      firstName: 'Giulia',
      lastName: 'Romano',
      phone: '+39 347 0000000',
    },
    involved: [{ subjectId: 's-2', role: 'involved', firstName: 'Marco', email: 'm@example.it' }],
    linkedTo: null,
    ...overrides,
  };
}

/** Runs commands one after another, each at its instant; returns every event produced. */
function given(steps: [AssistanceCommand, string][]): AssistanceEvent[] {
  const events: AssistanceEvent[] = [];
  for (const [command, now] of steps) {
    const context: DecisionContext = { now, actor: operator };
    events.push(...assistanceDecider.decide(command, fold(assistanceDecider, events), context));
  }
  return events;
}

const token = (tokenId: string, ttlSeconds = 600): TokenRequest => ({
  tokenId,
  audience: 'urn:anastasis:online-services',
  ttlSeconds,
});

const requestImpersonation = (sessionId = 'imp-1'): AssistanceCommand => ({
  type: 'RequestImpersonation',
  policy: ANASTASIS,
  sessionId,
  subjectId: null,
  platform: 'customer-portal',
  purpose: 'Riprodurre il problema di login',
  areas: ['profile', 'login'],
});

function consent(overrides: Partial<RecordConsent>): RecordConsent {
  return {
    type: 'RecordConsent',
    consentId: 'c-1',
    kind: 'impersonation',
    sessionId: 'imp-1',
    channel: 'phone',
    givenAt: '2026-03-02T09:00:00Z',
    expiresAt: '2026-03-02T10:00:00Z',
    evidenceReference: 'CONF-1234',
    device: null,
    action: null,
    sessionCodeDigest: null,
    ...overrides,
  };
}

const started = (): AssistanceEvent[] =>
  given([
    [open(), '2026-03-02T08:55:00Z'],
    [requestImpersonation(), '2026-03-02T08:58:00Z'],
    [consent({}), '2026-03-02T09:00:00Z'],
    [
      {
        type: 'StartImpersonationSession',
        sessionId: 'imp-1',
        consentId: 'c-1',
        token: token('j-1'),
      },
      '2026-03-02T09:01:00Z',
    ],
  ]);

const activity = (kind: 'view' | 'write' | 'payment', area: string): AssistanceCommand => ({
  type: 'RecordImpersonationActivity',
  sessionId: 'imp-1',
  tokenId: 'j-1',
  kind,
  area,
  resource: `/${area}`,
});

const types = (events: AssistanceEvent[]) => events.map((e) => e.type);

describe('assistance tickets', () => {
  describe('PRV-2 — who and what may be recorded', () => {
    it('opens a ticket with the caller and the other people involved as data subjects', () => {
      spec('2026-03-02T09:00:00Z')
        .given([])
        .when(open())
        .then(([opened]) =>
          expect(opened).toMatchObject({
            type: 'AssistanceTicketOpened',
            data: {
              policyVersion: 'ANASTASIS@handling-v1',
              caller: { subjectId: 's-1', role: 'caller' },
              involved: [{ subjectId: 's-2', role: 'involved' }],
              openedAt: '2026-03-02T09:00:00Z',
            },
          }),
        );
    });

    it('refuses a field the profile does not let operators collect, naming it', () => {
      spec('2026-03-02T09:00:00Z')
        .given([])
        .when(open({ policy: { ...ANASTASIS, collectable: ['firstName', 'lastName', 'phone'] } }))
        .thenRefuses({ ruleId: 'PRV-2', details: { field: 'involved.0.email' } });
    });

    it('refuses the same data subject twice on one ticket, naming the repeated person', () => {
      spec('2026-03-02T09:00:00Z')
        .given([])
        .when(open({ involved: [{ subjectId: 's-1', role: 'involved', firstName: 'Giulia' }] }))
        .thenRefuses({ kind: 'conflicting_state', details: { field: 'involved.0' } });
    });

    it('IMP-1: an online-service problem must name its platform', () => {
      spec('2026-03-02T09:00:00Z')
        .given([])
        .when(open({ problem: { category: 'ONLINE_SERVICE', platform: null, summary: 'x' } }))
        .thenRefuses({ ruleId: 'IMP-1', details: { field: 'problem.platform' } });
    });
  });

  describe('IMP-1, IMP-5 — impersonation refused off an online service (AS-32)', () => {
    it('records ImpersonationRefused with the operator and the reason, and starts nothing', () => {
      const device = given([
        [
          open({ problem: { category: 'DEVICE', platform: null, summary: 'Driver' } }),
          '2026-03-02T09:00:00Z',
        ],
      ]);
      spec('2026-03-02T09:05:00Z')
        .given(device)
        .when(requestImpersonation())
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'ImpersonationRefused',
              data: expect.objectContaining({
                ruleId: 'IMP-1',
                operatorId: 'op-1',
                problemCategory: 'DEVICE',
                reason: 'The problem does not concern one of the online services',
              }),
            },
          ]);
          expect(recordedRefusalOf(events)?.data.ruleId).toBe('IMP-1');
        });
    });

    it('refuses another platform than the one where the problem occurred', () => {
      spec('2026-03-02T09:05:00Z')
        .given(given([[open(), '2026-03-02T09:00:00Z']]))
        .when({ ...requestImpersonation(), platform: 'mobile-app' } as AssistanceCommand)
        .then((events) => expect(recordedRefusalOf(events)?.data.ruleId).toBe('IMP-1'));
    });

    it('IMP-2, IMP-3: needs a purpose and a declared scope', () => {
      const ticket = given([[open(), '2026-03-02T09:00:00Z']]);
      spec('2026-03-02T09:05:00Z')
        .given(ticket)
        .when({ ...requestImpersonation(), purpose: ' ' } as AssistanceCommand)
        .thenRefuses({ ruleId: 'IMP-2', details: { field: 'purpose' } });
      spec('2026-03-02T09:05:00Z')
        .given(ticket)
        .when({ ...requestImpersonation(), areas: [] } as AssistanceCommand)
        .thenRefuses({ ruleId: 'IMP-3', details: { field: 'areas' } });
    });
  });

  describe('IMP-5, AMB-35 — a recorded, unexpired, per-session consent', () => {
    const requested = () =>
      given([
        [open(), '2026-03-02T08:55:00Z'],
        [requestImpersonation(), '2026-03-02T08:58:00Z'],
        [requestImpersonation('imp-2'), '2026-03-02T08:58:30Z'],
      ]);
    const start = (consentId: string): AssistanceCommand => ({
      type: 'StartImpersonationSession',
      sessionId: 'imp-1',
      consentId,
      token: token('j-1'),
    });

    it('refuses to start without a recorded consent', () => {
      spec('2026-03-02T09:01:00Z')
        .given(requested())
        .when(start('c-none'))
        .thenRefuses({ ruleId: 'IMP-5', details: { field: 'consentId' } });
    });

    it('refuses an expired consent', () => {
      const history = requested();
      const withConsent = [
        ...history,
        ...assistanceDecider.decide(
          consent({ expiresAt: '2026-03-02T09:30:00Z' }),
          fold(assistanceDecider, history),
          { now: '2026-03-02T09:00:00Z', actor: operator },
        ),
      ];
      spec('2026-03-02T09:30:00Z')
        .given(withConsent)
        .when(start('c-1'))
        .thenRefuses({ ruleId: 'IMP-5', message: 'This consent has expired' });
    });

    it('refuses a consent given for another session', () => {
      const history = requested();
      const other = assistanceDecider.decide(
        consent({ sessionId: 'imp-2' }),
        fold(assistanceDecider, history),
        { now: '2026-03-02T09:00:00Z', actor: operator },
      );
      spec('2026-03-02T09:01:00Z')
        .given([...history, ...other])
        .when(start('c-1'))
        .thenRefuses({ ruleId: 'IMP-5', message: 'This consent was given for another session' });
    });

    it('starts under its consent and issues a read-only token of at most 15 minutes', () => {
      const events = started();
      expect(types(events).slice(-2)).toEqual([
        'ImpersonationSessionStarted',
        'ImpersonationTokenIssued',
      ]);
      expect(events.at(-1)).toMatchObject({
        data: {
          tokenId: 'j-1',
          subjectId: 's-1',
          operatorId: 'op-1',
          scope: 'read',
          expiresAt: '2026-03-02T09:11:00.000Z',
        },
      });
    });

    it('never issues a token past the consent', () => {
      spec('2026-03-02T09:55:00Z')
        .given(started())
        .when({ type: 'IssueImpersonationToken', sessionId: 'imp-1', token: token('j-2', 900) })
        .then(([issued]) =>
          expect(issued.data).toMatchObject({ expiresAt: '2026-03-02T10:00:00.000Z' }),
        );
    });
  });

  describe('IMP-3, IMP-4 — under impersonation (AS-33)', () => {
    it('records a view within the scope', () => {
      spec('2026-03-02T09:02:00Z')
        .given(started())
        .when(activity('view', 'login'))
        .then((events) => expect(types(events)).toEqual(['ImpersonationResourceViewed']));
    });

    it.each([
      ['write', 'profile', 'IMP-4'],
      ['payment', 'payments', 'IMP-4'],
      ['view', 'payments', 'IMP-3'],
    ] as const)('blocks and records a %s on %s (%s)', (kind, area, ruleId) => {
      spec('2026-03-02T09:02:00Z')
        .given(started())
        .when(activity(kind, area))
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'ImpersonationActionBlocked',
              data: expect.objectContaining({ attempted: kind, area, ruleId }),
            },
          ]);
          expect(recordedRefusalOf(events)?.type).toBe('ImpersonationActionBlocked');
        });
    });
  });

  describe('IMP-5 — ending, expiry and withdrawal end the session at once', () => {
    it('refuses and records a token used after the session ended', () => {
      const ended = started();
      const end = assistanceDecider.decide(
        { type: 'EndImpersonationSession', sessionId: 'imp-1', outcome: 'not_resolved' },
        fold(assistanceDecider, ended),
        { now: '2026-03-02T09:03:00Z', actor: operator },
      );
      spec('2026-03-02T09:04:00Z')
        .given([...ended, ...end])
        .when(activity('view', 'login'))
        .then((events) =>
          expect(events).toEqual([
            {
              type: 'ImpersonationTokenRefused',
              data: expect.objectContaining({ ruleId: 'IMP-5', refusal: 'session_not_active' }),
            },
          ]),
        );
    });

    it('withdrawal ends the session it backs, and the token is refused', () => {
      const history = started();
      const withdrawn = assistanceDecider.decide(
        { type: 'WithdrawConsent', consentId: 'c-1' },
        fold(assistanceDecider, history),
        { now: '2026-03-02T09:05:00Z', actor: operator },
      );
      expect(withdrawn).toEqual([
        expect.objectContaining({ type: 'CustomerConsentWithdrawn' }),
        {
          type: 'ImpersonationSessionEnded',
          data: expect.objectContaining({ reason: 'consent_withdrawn' }),
        },
      ]);
      const state = fold(assistanceDecider, [...history, ...withdrawn]);
      expect(tokenVerdict(state, 'imp-1', 'j-1', '2026-03-02T09:06:00Z')).toMatchObject({
        active: false,
        refusal: 'consent_withdrawn',
      });
    });

    it('a use after the consent expired records the expiry, then refuses', () => {
      const history = [
        ...started(),
        ...assistanceDecider.decide(
          { type: 'IssueImpersonationToken', sessionId: 'imp-1', token: token('j-2') },
          fold(assistanceDecider, started()),
          { now: '2026-03-02T09:55:00Z', actor: operator },
        ),
      ];
      spec('2026-03-02T10:00:00Z')
        .given(history)
        .when({ ...activity('view', 'login'), tokenId: 'j-2' } as AssistanceCommand)
        .then((events) =>
          expect(events).toEqual([
            {
              type: 'ImpersonationSessionExpired',
              data: expect.objectContaining({ sessionId: 'imp-1' }),
            },
            {
              type: 'ImpersonationTokenRefused',
              data: expect.objectContaining({ refusal: 'session_expired' }),
            },
          ]),
        );
    });

    it('a token past its own expiry is refused while the session lives', () => {
      spec('2026-03-02T09:11:00Z')
        .given(started())
        .when(activity('view', 'login'))
        .then(([refused]) => expect(refused.data).toMatchObject({ refusal: 'token_expired' }));
    });

    it('the expiry timer expires a session whose consent ran out, once', () => {
      spec('2026-03-02T09:59:59Z').given(started()).when({ type: 'ExpireDueSessions' }).then([]);
      spec('2026-03-02T10:00:00Z')
        .given(started())
        .when({ type: 'ExpireDueSessions' })
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'ImpersonationSessionExpired',
              data: {
                ticketId: 't-1',
                sessionId: 'imp-1',
                consentId: 'c-1',
                expiredAt: '2026-03-02T10:00:00.000Z',
              },
            },
          ]);
          spec('2026-03-02T10:01:00Z')
            .given([...started(), ...events])
            .when({ type: 'ExpireDueSessions' })
            .then([]);
        });
    });
  });

  describe('RAS-1..RAS-5 — remote assistance', () => {
    const propose = (sessionId: string): AssistanceCommand => ({
      type: 'ProposeRemoteAssistance',
      sessionId,
      subjectId: null,
      purpose: 'Raccogliere i log del browser',
      sessionCodeDigest: `digest-${sessionId}`,
    });
    const remoteConsent = (
      consentId: string,
      sessionId: string,
      givenAt: string,
      expiresAt: string,
    ) =>
      consent({
        consentId,
        kind: 'remote_assistance',
        sessionId,
        givenAt,
        expiresAt,
        channel: 'remote_software',
        device: { kind: 'pc', software: 'AnyDesk' },
        sessionCodeDigest: `digest-${sessionId}`,
      });
    const step: AssistanceCommand = {
      type: 'RecordAssistanceStep',
      stepId: 'st-1',
      kind: 'consultation',
      outcome: 'not_resolved',
      note: 'Dati raccolti, problema non risolto',
    };

    it('RAS-1: refuses a remote session on a ticket with no non-resolutive earlier step (AS-34)', () => {
      spec('2026-03-10T10:00:00Z')
        .given(given([[open(), '2026-03-10T09:00:00Z']]))
        .when(propose('r-1'))
        .thenRefuses({ ruleId: 'RAS-1' });
    });

    it('RAS-1: a non-resolutive impersonation counts as an earlier step', () => {
      const history = [
        ...started(),
        ...assistanceDecider.decide(
          { type: 'EndImpersonationSession', sessionId: 'imp-1', outcome: 'not_resolved' },
          fold(assistanceDecider, started()),
          { now: '2026-03-02T09:05:00Z', actor: operator },
        ),
      ];
      spec('2026-03-02T09:06:00Z')
        .given(history)
        .when(propose('r-1'))
        .then(([proposed]) => expect(proposed.type).toBe('RemoteAssistanceProposed'));
    });

    it('RAS-2: the customer must confirm the one-time code of this session', () => {
      const history = given([
        [open(), '2026-03-10T09:00:00Z'],
        [step, '2026-03-10T09:30:00Z'],
        [propose('r-1'), '2026-03-10T10:00:00Z'],
      ]);
      spec('2026-03-10T10:02:00Z')
        .given(history)
        .when({
          ...remoteConsent('c-1', 'r-1', '2026-03-10T10:02:00Z', '2026-03-10T12:00:00Z'),
          sessionCodeDigest: 'digest-wrong',
        })
        .thenRefuses({ ruleId: 'RAS-2', details: { field: 'sessionCode' } });
    });

    it('AS-34, RAS-3: a consent expires with its session; the next session needs a new one', () => {
      const history = given([
        [open(), '2026-03-10T09:00:00Z'],
        [step, '2026-03-10T09:30:00Z'],
        [propose('r-1'), '2026-03-10T10:00:00Z'],
        [
          remoteConsent('C1', 'r-1', '2026-03-10T10:02:00Z', '2026-03-10T12:00:00Z'),
          '2026-03-10T10:02:00Z',
        ],
        [
          { type: 'StartRemoteAssistanceSession', sessionId: 'r-1', consentId: 'C1' },
          '2026-03-10T10:05:00Z',
        ],
        [
          { type: 'EndRemoteAssistanceSession', sessionId: 'r-1', outcome: 'not_resolved' },
          '2026-03-10T10:40:00Z',
        ],
        [propose('r-2'), '2026-03-12T13:58:00Z'],
      ]);
      spec('2026-03-12T14:00:00Z')
        .given(history)
        .when({ type: 'StartRemoteAssistanceSession', sessionId: 'r-2', consentId: 'C1' })
        .thenRefuses({
          ruleId: 'RAS-3',
          message:
            'This consent expired with the session it was given for: a new session needs a new consent',
        });
      spec('2026-03-12T14:00:00Z')
        .given(history)
        .when({ type: 'StartRemoteAssistanceSession', sessionId: 'r-1', consentId: 'C1' })
        .thenRefuses({ ruleId: 'RAS-3' });
      const withC2 = [
        ...history,
        ...assistanceDecider.decide(
          remoteConsent('C2', 'r-2', '2026-03-12T14:01:00Z', '2026-03-12T16:00:00Z'),
          fold(assistanceDecider, history),
          { now: '2026-03-12T14:01:00Z', actor: operator },
        ),
      ];
      spec('2026-03-12T14:02:00Z')
        .given(withC2)
        .when({ type: 'StartRemoteAssistanceSession', sessionId: 'r-2', consentId: 'C2' })
        .then(([s2]) =>
          expect(s2).toMatchObject({
            type: 'RemoteAssistanceSessionStarted',
            data: { consentId: 'C2', device: { kind: 'pc', software: 'AnyDesk' } },
          }),
        );
      spec('2026-03-12T14:02:00Z')
        .given(withC2)
        .when(remoteConsent('C3', 'r-2', '2026-03-12T14:02:00Z', '2026-03-12T16:00:00Z'))
        .thenRefuses({ ruleId: 'RAS-3' });
    });

    describe('AS-35, RAS-5: prior consent for each device action', () => {
      const active = () =>
        given([
          [open(), '2026-03-12T13:00:00Z'],
          [step, '2026-03-12T13:30:00Z'],
          [propose('r-2'), '2026-03-12T13:58:00Z'],
          [
            remoteConsent('C2', 'r-2', '2026-03-12T14:01:00Z', '2026-03-12T16:00:00Z'),
            '2026-03-12T14:01:00Z',
          ],
          [
            { type: 'StartRemoteAssistanceSession', sessionId: 'r-2', consentId: 'C2' },
            '2026-03-12T14:02:00Z',
          ],
        ]);
      const install = (consentId: string | null): AssistanceCommand => ({
        type: 'PerformDeviceAction',
        sessionId: 'r-2',
        actionId: 'a-1',
        action: 'install_software',
        description: 'Installare Firefox',
        consentId,
      });

      it('refuses installing a browser without its own consent; observing needs none', () => {
        spec('2026-03-12T15:00:00Z')
          .given(active())
          .when(install(null))
          .thenRefuses({ ruleId: 'RAS-5' });
        spec('2026-03-12T15:00:00Z')
          .given(active())
          .when({
            ...install(null),
            action: 'observe',
            description: 'Guardo i log',
          } as AssistanceCommand)
          .then(([observed]) =>
            expect(observed.data).toMatchObject({ action: 'observe', consentId: null }),
          );
      });

      it('allows it after the consent recorded at 15:07, once', () => {
        const history = [
          ...active(),
          ...assistanceDecider.decide(
            consent({
              consentId: 'C-install',
              kind: 'device_action',
              sessionId: 'r-2',
              givenAt: '2026-03-12T15:07:00+01:00',
              expiresAt: '2026-03-12T16:00:00Z',
              action: { kind: 'install_software', description: 'Firefox' },
            }),
            fold(assistanceDecider, active()),
            { now: '2026-03-12T14:07:00Z', actor: operator },
          ),
        ];
        expect(history.at(-1)).toMatchObject({
          type: 'CustomerConsentRecorded',
          data: { givenAt: '2026-03-12T14:07:00.000Z' },
        });
        const performed = assistanceDecider.decide(
          install('C-install'),
          fold(assistanceDecider, history),
          { now: '2026-03-12T14:08:00Z', actor: operator },
        );
        expect(performed).toEqual([
          {
            type: 'RemoteDeviceActionPerformed',
            data: expect.objectContaining({ action: 'install_software', consentId: 'C-install' }),
          },
        ]);
        spec('2026-03-12T14:09:00Z')
          .given([...history, ...performed])
          .when({ ...install('C-install'), actionId: 'a-2' } as AssistanceCommand)
          .thenRefuses({ ruleId: 'RAS-5' });
      });
    });
  });

  describe('SUP-1, SUP-3, SUP-4 — the anti-fraud guard (AS-36)', () => {
    const ask = (kind: 'IDENTITY_DOCUMENT' | 'PAYMENT_CARD' | 'BANK_ACCOUNT' | 'PERSONAL_DATA') =>
      ({
        type: 'RequestCustomerData',
        requestId: 'rq-1',
        kind,
        reason: 'Verifica identità di Giulia Romano',
      }) as AssistanceCommand;

    it.each([
      ['IDENTITY_DOCUMENT', 'SUP-1'],
      ['PAYMENT_CARD', 'SUP-3'],
      ['BANK_ACCOUNT', 'SUP-3'],
      ['PERSONAL_DATA', 'SUP-1'],
    ] as const)('blocks a request of %s (%s), recorded without personal data', (kind, ruleId) => {
      spec('2026-03-02T10:00:00Z')
        .given(given([[open(), '2026-03-02T09:00:00Z']]))
        .when(ask(kind))
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'ProhibitedDataRequestBlocked',
              data: expect.objectContaining({ kind, ruleId, operatorId: 'op-1' }),
            },
          ]);
          expect(JSON.stringify(events)).not.toContain('Giulia');
          expect(recordedRefusalOf(events)?.data).toMatchObject({
            hint: expect.stringContaining('MyFastweb'),
          });
        });
    });

    it('SUP-4(b): on an e-invoicing tax-code mismatch, the correct codice fiscale may be asked for', () => {
      const ticket = given([
        [
          open({
            problem: {
              category: 'E_INVOICE_TAX_CODE_MISMATCH',
              platform: null,
              summary: 'CF errato',
            },
          }),
          '2026-03-02T09:00:00Z',
        ],
      ]);
      spec('2026-03-02T10:00:00Z')
        .given(ticket)
        .when({
          ...ask('PERSONAL_DATA'),
          reason: 'Codice fiscale sul contratto errato',
        } as AssistanceCommand)
        .then((events) =>
          expect(events).toEqual([
            {
              type: 'CustomerDataRequested',
              data: expect.objectContaining({
                exception: 'SUP-4',
                sendTo: 'documentionline@fastweb.it',
                reason: 'Codice fiscale sul contratto errato',
              }),
            },
          ]),
        );
      spec('2026-03-02T10:00:00Z')
        .given(ticket)
        .when(ask('IDENTITY_DOCUMENT'))
        .then(([blocked]) => expect(blocked.type).toBe('ProhibitedDataRequestBlocked'));
    });

    it('PRV-12, PRV-4: no identity-document image, no call recording', () => {
      const ticket = given([[open(), '2026-03-02T09:00:00Z']]);
      const attach = (classification: 'IDENTITY_DOCUMENT' | 'CALL_RECORDING') =>
        ({
          type: 'AddAttachment',
          policy: ANASTASIS,
          attachmentId: 'at-1',
          classification,
          storageReference: 'blob://1',
          description: 'x',
        }) as AssistanceCommand;
      spec('2026-03-02T10:00:00Z')
        .given(ticket)
        .when(attach('IDENTITY_DOCUMENT'))
        .thenRefuses({ ruleId: 'PRV-12' });
      spec('2026-03-02T10:00:00Z')
        .given(ticket)
        .when(attach('CALL_RECORDING'))
        .thenRefuses({ ruleId: 'PRV-4' });
    });
  });

  describe('PRV-5, PRV-3 — closure (AS-39)', () => {
    const closed = () =>
      given([
        [open(), '2026-03-30T09:00:00Z'],
        [
          { type: 'CloseAssistanceTicket', resolution: 'resolved', summary: null },
          '2026-04-01T10:00:00Z',
        ],
      ]);
    const editPhone: AssistanceCommand = {
      type: 'UpdateContactDetails',
      policy: ANASTASIS,
      subjectId: 's-1',
      changes: { phone: '+39 333 9999999' },
    };
    const callback = (purpose: 'courtesy' | 'continue_resolution'): AssistanceCommand => ({
      type: 'ScheduleCallback',
      callbackId: 'cb-1',
      subjectId: null,
      at: '2026-04-20T10:00:00Z',
      purpose,
    });

    it('refuses editing the phone number or scheduling a call after closure', () => {
      spec('2026-04-10T10:00:00Z').given(closed()).when(editPhone).thenRefuses({ ruleId: 'PRV-5' });
      spec('2026-04-10T10:00:00Z')
        .given(closed())
        .when(callback('courtesy'))
        .thenRefuses({ ruleId: 'PRV-5' });
      spec('2026-04-10T10:00:00Z')
        .given(closed())
        .when(requestImpersonation())
        .thenRefuses({ ruleId: 'PRV-5' });
    });

    it('PRV-3: even on an open ticket, a courtesy call is not a resolution contact', () => {
      spec('2026-03-30T10:00:00Z')
        .given(given([[open(), '2026-03-30T09:00:00Z']]))
        .when(callback('courtesy'))
        .thenRefuses({ ruleId: 'PRV-3', details: { field: 'purpose' } });
    });

    it('a new contact reopens the ticket, then operations are allowed again', () => {
      const contact: AssistanceCommand = {
        type: 'RecordCustomerContact',
        contactId: 'ct-1',
        subjectId: null,
        channel: 'email',
        receivedAt: '2026-04-15T09:00:00+02:00',
        summary: 'Il problema si ripresenta',
      };
      spec('2026-04-15T08:00:00Z')
        .given(closed())
        .when(contact)
        .then((events) => {
          expect(types(events)).toEqual(['CustomerContactRecorded', 'AssistanceTicketReopened']);
          spec('2026-04-15T08:05:00Z')
            .given([...closed(), ...events])
            .when(editPhone)
            .then((edited) => expect(types(edited)).toEqual(['AssistanceContactDetailsUpdated']));
        });
    });

    it('closing ends a live impersonation: its token dies with it', () => {
      spec('2026-03-02T09:03:00Z')
        .given(started())
        .when({ type: 'CloseAssistanceTicket', resolution: 'resolved', summary: null })
        .then((events) => {
          expect(events).toEqual([
            {
              type: 'ImpersonationSessionEnded',
              data: expect.objectContaining({ reason: 'ticket_closed' }),
            },
            expect.objectContaining({ type: 'AssistanceTicketClosed' }),
          ]);
          const state = fold(assistanceDecider, [...started(), ...events]);
          expect(tokenVerdict(state, 'imp-1', 'j-1', '2026-03-02T09:04:00Z')).toMatchObject({
            active: false,
            refusal: 'session_not_active',
          });
        });
    });
  });
});
