import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_FAULTS, PSA_FAULTS } from '../testing/fault-policies.fixture';
import { DeclareOutage } from './outage.commands';
import { outageDecider } from './outage.decider';
import { OutageEvent } from './outage.events';

type Actor = DecisionContext['actor'];
const operator: Actor = { id: 'op-1', roles: ['operator'] };
const supervisor: Actor = { id: 'sup-1', roles: ['supervisor'] };
const spec = (now: string, actor: Actor = supervisor) => deciderSpec(outageDecider, { now, actor });

const psaFault = (n: number) => ({ faultId: `f-${n}`, operator: 'PSA' });

const massReports = (p: Partial<DeclareOutage> = {}): DeclareOutage => ({
  type: 'DeclareOutage',
  outageId: 'o-1',
  policy: PSA_FAULTS,
  kind: 'MASS_REPORTS',
  area: { description: 'Torino nord', municipalities: ['Torino'], postcodes: ['10155'] },
  startedAt: '2026-09-14T07:30:00+02:00',
  endedAt: null,
  forceMajeure: null,
  announcedResolutionDate: null,
  reasons: [],
  faults: [],
  ...p,
});

const storm = (p: Partial<DeclareOutage> = {}): DeclareOutage =>
  massReports({
    kind: 'EXCEPTIONAL_WIDESPREAD',
    startedAt: '2026-11-05T03:00:00+01:00',
    forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: 'PC-TO-2026-118' },
    reasons: ['Alluvione: tralicci abbattuti'],
    ...p,
  });

const history = (...events: OutageEvent[]) => events;
const declaredBy = (command: DeclareOutage, now: string) =>
  outageDecider.decide(command, outageDecider.initialState(), { now, actor: supervisor });

describe('outages', () => {
  describe('FLT-9, AS-14 — a supervisor declares a mass-reports outage linking many faults', () => {
    it('given 57 faults reported that Monday, then one declaration and one link of all of them', () => {
      const faults = Array.from({ length: 57 }, (_, i) => psaFault(i + 1));
      spec('2026-09-14T08:00:00+02:00')
        .given([])
        .when(massReports({ faults }))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['OutageDeclared', 'OutageFaultsLinked']);
          expect(events[0].data).toMatchObject({
            outageId: 'o-1',
            operator: 'PSA',
            policyVersion: 'PSA@cds',
            kind: 'MASS_REPORTS',
            startedAt: '2026-09-14T05:30:00.000Z',
            declaredBy: 'sup-1',
            rule: 'FLT-9',
          });
          expect(events[1].data).toMatchObject({ faultIds: faults.map((f) => f.faultId) });
        });
    });

    it('refuses an operator, naming the rule', () => {
      spec('2026-09-14T08:00:00+02:00', operator)
        .given([])
        .when(massReports())
        .thenRefuses({ ruleId: 'FLT-9', details: { field: 'kind' } });
    });

    it('refuses an empty area, a start in the future, an end before the start, a force majeure', () => {
      const at = '2026-09-14T08:00:00+02:00';
      spec(at)
        .given([])
        .when(massReports({ area: { description: ' ', municipalities: [], postcodes: [] } }))
        .thenRefuses({ details: { field: 'area.description' } });
      spec(at)
        .given([])
        .when(massReports({ startedAt: '2026-09-14T09:00:00+02:00' }))
        .thenRefuses({ details: { field: 'startedAt' } });
      spec(at)
        .given([])
        .when(massReports({ endedAt: '2026-09-14T07:00:00+02:00' }))
        .thenRefuses({ details: { field: 'endedAt' } });
      spec(at)
        .given([])
        .when(
          massReports({ forceMajeure: { from: '2026-09-14', endedOn: null, evidenceRef: 'x' } }),
        )
        .thenRefuses({ ruleId: 'FLT-9', details: { field: 'forceMajeure' } });
    });

    it('refuses a fault of another operator, and links each fault once', () => {
      const declared = declaredBy(massReports({ faults: [psaFault(1)] }), '2026-09-14T08:00:00Z');
      spec('2026-09-14T09:00:00Z', operator)
        .given(declared)
        .when({ type: 'LinkFaultsToOutage', faults: [{ faultId: 'f-9', operator: 'FASTWEB' }] })
        .thenRefuses({ ruleId: 'FLT-9', details: { field: 'faultIds', faultId: 'f-9' } });
      spec('2026-09-14T09:00:00Z', operator)
        .given(declared)
        .when({ type: 'LinkFaultsToOutage', faults: [psaFault(1), psaFault(2), psaFault(2)] })
        .then([
          {
            type: 'OutageFaultsLinked',
            data: { outageId: 'o-1', faultIds: ['f-2'], linkedBy: 'op-1' },
          },
        ]);
      spec('2026-09-14T09:00:00Z', operator)
        .given(declared)
        .when({ type: 'LinkFaultsToOutage', faults: [psaFault(1)] })
        .then([]);
    });

    it('refuses to link to an outage never declared, or to declare one twice', () => {
      spec('2026-09-14T09:00:00Z')
        .given([])
        .when({ type: 'LinkFaultsToOutage', faults: [psaFault(1)] })
        .thenRefuses({ kind: 'conflicting_state' });
      spec('2026-09-14T09:00:00Z')
        .given(declaredBy(massReports(), '2026-09-14T08:00:00Z'))
        .when(massReports())
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('FLT-10, AS-13 — an exceptional widespread outage after a storm', () => {
    it('given PSA, then it is declared with its force majeure and reasons', () => {
      spec('2026-11-06T09:00:00+01:00')
        .given([])
        .when(storm())
        .then((events) =>
          expect(events[0].data).toMatchObject({
            kind: 'EXCEPTIONAL_WIDESPREAD',
            forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: 'PC-TO-2026-118' },
            rule: 'FLT-10',
            clause: 'PSA-CDS §9, §19',
          }),
        );
    });

    it('refuses it where the policy has no such regime (Fastweb), without force majeure or reasons', () => {
      const at = '2026-11-06T09:00:00+01:00';
      spec(at)
        .given([])
        .when(storm({ policy: FASTWEB_FAULTS }))
        .thenRefuses({ ruleId: 'FLT-10', details: { field: 'kind' } });
      spec(at)
        .given([])
        .when(storm({ forceMajeure: null }))
        .thenRefuses({ ruleId: 'FLT-10', details: { field: 'forceMajeure' } });
      spec(at)
        .given([])
        .when(storm({ forceMajeure: { from: '2026-11-05', endedOn: null, evidenceRef: ' ' } }))
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'forceMajeure.evidenceRef' } });
      spec(at)
        .given([])
        .when(storm({ reasons: [' '] }))
        .thenRefuses({ ruleId: 'FLT-10', details: { field: 'reasons' } });
    });

    it('given the force majeure ends 11-10, then the update carries it; repeating it changes nothing', () => {
      const declared = declaredBy(storm(), '2026-11-06T09:00:00+01:00');
      const updated = outageDecider.decide(
        { type: 'UpdateOutage', forceMajeureEndedOn: '2026-11-10' },
        fold(outageDecider, declared),
        { now: '2026-11-11T09:00:00+01:00', actor: supervisor },
      );
      expect(updated).toEqual([
        {
          type: 'OutageUpdated',
          data: {
            outageId: 'o-1',
            endedAt: null,
            forceMajeure: {
              from: '2026-11-05',
              endedOn: '2026-11-10',
              evidenceRef: 'PC-TO-2026-118',
            },
            announcedResolutionDate: null,
            updatedBy: 'sup-1',
          },
        },
      ]);
      spec('2026-11-12T09:00:00+01:00')
        .given(history(...declared, ...updated))
        .when({ type: 'UpdateOutage', forceMajeureEndedOn: '2026-11-10' })
        .then([]);
    });

    it('refuses an update by an operator, an end before the start, a force majeure on mass reports', () => {
      const declared = declaredBy(storm(), '2026-11-06T09:00:00+01:00');
      spec('2026-11-11T09:00:00+01:00', operator)
        .given(declared)
        .when({ type: 'UpdateOutage', forceMajeureEndedOn: '2026-11-10' })
        .thenRefuses({ ruleId: 'FLT-10' });
      spec('2026-11-11T09:00:00+01:00')
        .given(declared)
        .when({ type: 'UpdateOutage', forceMajeureEndedOn: '2026-11-04' })
        .thenRefuses({ details: { field: 'forceMajeure.endedOn' } });
      spec('2026-11-11T09:00:00+01:00')
        .given(declared)
        .when({ type: 'UpdateOutage', endedAt: '2026-11-01T00:00:00Z' })
        .thenRefuses({ details: { field: 'endedAt' } });
      spec('2026-09-15T09:00:00Z')
        .given(declaredBy(massReports(), '2026-09-14T08:00:00Z'))
        .when({ type: 'UpdateOutage', forceMajeureEndedOn: '2026-09-15' })
        .thenRefuses({ details: { field: 'forceMajeureEndedOn' } });
      spec('2026-09-15T09:00:00Z')
        .given(declaredBy(massReports(), '2026-09-14T08:00:00Z'))
        .when({ type: 'UpdateOutage' })
        .thenRefuses({ ruleId: 'FLT-9' });
    });

    it('records the end of the outage and a communicated resolution date (AMB-13)', () => {
      const declared = declaredBy(storm(), '2026-11-06T09:00:00+01:00');
      const events = outageDecider.decide(
        {
          type: 'UpdateOutage',
          endedAt: '2026-11-10T18:00:00+01:00',
          announcedResolutionDate: '2026-11-16',
        },
        fold(outageDecider, declared),
        { now: '2026-11-11T09:00:00+01:00', actor: supervisor },
      );
      const state = fold(outageDecider, [...declared, ...events]);
      expect(state).toMatchObject({
        endedAt: '2026-11-10T17:00:00.000Z',
        announcedResolutionDate: '2026-11-16',
        forceMajeure: { endedOn: null },
      });
    });
  });
});
