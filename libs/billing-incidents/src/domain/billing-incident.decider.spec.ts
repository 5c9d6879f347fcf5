import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { WINDTRE_INCIDENT } from '../testing/windtre-policy.fixture';
import { DeclareBillingIncident } from './billing-incident.commands';
import { billingIncidentDecider } from './billing-incident.decider';

const supervisor = { id: 'sup-1', roles: ['supervisor'] };
const spec = (now: string) => deciderSpec(billingIncidentDecider, { now, actor: supervisor });

function declare(overrides: Partial<DeclareBillingIncident> = {}): DeclareBillingIncident {
  return {
    type: 'DeclareBillingIncident',
    incidentId: 'i-1',
    policy: WINDTRE_INCIDENT,
    serviceName: 'Easy Pay',
    monthlyFeeCents: 999,
    cause: 'Interruzione tecnica del sistema di fatturazione',
    periods: ['2026-04', '2026-02', '2026-03'],
    declaredAt: '2026-05-04T10:00:00+02:00',
    ...overrides,
  };
}

describe('billing incidents', () => {
  describe('BIL-15 — a supervisor declares the incident', () => {
    it('given nothing, when WindTre fees went uncharged Feb–Apr 2026, then the incident is declared with its pinned policy', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(declare())
        .then([
          {
            type: 'BillingIncidentDeclared',
            data: {
              incidentId: 'i-1',
              operator: 'WINDTRE',
              policyVersion: 'WINDTRE@incident-2026',
              service: { name: 'Easy Pay', monthlyFeeCents: 999, currency: 'EUR' },
              cause: 'Interruzione tecnica del sistema di fatturazione',
              periods: ['2026-02', '2026-03', '2026-04'],
              declaredAt: '2026-05-04T08:00:00.000Z',
            },
          },
        ]);
    });

    it('refuses an operator whose policy has no billing-incident practice', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(declare({ policy: null }))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'operator' } });
    });

    it('refuses a month that has not ended before the declaration, a repeated month and a zero fee', () => {
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(declare({ periods: ['2026-04', '2026-05'] }))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'periods', period: '2026-05' } });
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(declare({ periods: ['2026-04', '2026-04'] }))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'periods' } });
      spec('2026-05-04T12:00:00Z')
        .given([])
        .when(declare({ monthlyFeeCents: 0 }))
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'monthlyFeeCents' } });
    });

    it('refuses a declaration in the future, and a second declaration of the same incident', () => {
      spec('2026-05-04T07:00:00Z')
        .given([])
        .when(declare())
        .thenRefuses({ ruleId: 'BIL-15', details: { field: 'declaredAt' } });
      const declared = billingIncidentDecider.decide(
        declare(),
        { status: 'none' },
        {
          now: '2026-05-04T12:00:00Z',
          actor: supervisor,
        },
      );
      spec('2026-05-04T12:00:00Z')
        .given(declared)
        .when(declare())
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });
});
