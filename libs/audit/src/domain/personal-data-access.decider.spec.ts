import { ConflictingState, RuleViolation } from '@sportello/decider';
import { RecordPersonalDataAccess } from './personal-data-access.commands';
import { personalDataAccessDecider } from './personal-data-access.decider';

const now = '2026-03-02T09:00:00.000Z';
const auditor = { id: 'aud-1', roles: ['auditor'] as const };
const command: RecordPersonalDataAccess = {
  type: 'RecordPersonalDataAccess',
  accessId: 'acc-1',
  reason: '  Verifica richiesta del Garante n. 12/2026 ',
  scope: { kind: 'stream', stream: 'complaint-1', fromRevision: 0, toRevision: 3 },
  subjectIds: ['s-2', 's-1', 's-2'],
  eventIds: ['e-1', 'e-2'],
};
const decide = (c = command, actor: { id: string; roles: readonly string[] } = auditor) =>
  personalDataAccessDecider.decide(c, personalDataAccessDecider.initialState(), { now, actor });

describe('PRV-1 — an auditor sees personal data in clear only with a reason, and it is recorded', () => {
  it('given no access, when an auditor states a reason, then the access names each subject once', () => {
    expect(decide()).toEqual([
      {
        type: 'PersonalDataAccessedByAuditor',
        data: {
          accessId: 'acc-1',
          auditorId: 'aud-1',
          reason: 'Verifica richiesta del Garante n. 12/2026',
          scope: command.scope,
          subjectIds: ['s-1', 's-2'],
          eventIds: ['e-1', 'e-2'],
        },
      },
    ]);
  });

  it('when the reason is too short, then refused on the reason field', () => {
    expect(() => decide({ ...command, reason: ' perché ' })).toThrow(RuleViolation);
    try {
      decide({ ...command, reason: 'x' });
    } catch (error) {
      expect(error).toMatchObject({ ruleId: 'PRV-1', details: { field: 'reason' } });
    }
  });

  it('when the actor is not an auditor (an admin), then refused', () => {
    expect(() => decide(command, { id: 'adm-1', roles: ['admin'] })).toThrow(
      expect.objectContaining({ ruleId: 'PRV-1' }),
    );
  });

  it('when nothing personal would be shown, then nothing is recorded', () => {
    expect(decide({ ...command, subjectIds: [] })).toEqual([]);
  });

  it('given the access recorded, when recorded again, then refused', () => {
    const [event] = decide();
    const state = personalDataAccessDecider.evolve(personalDataAccessDecider.initialState(), event);
    expect(() => personalDataAccessDecider.decide(command, state, { now, actor: auditor })).toThrow(
      ConflictingState,
    );
  });
});
