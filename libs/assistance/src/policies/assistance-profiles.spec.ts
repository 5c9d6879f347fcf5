import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDITED, WORKERS } from '../http/assistance-roles';
import { ANASTASIS } from '../testing/assistance-profile.fixture';
import { AssistanceProfileError } from './assistance-profile.validation';
import { assistanceProfilesDirectory, loadAssistanceProfiles } from './assistance-profiles';

const real = assistanceProfilesDirectory({ POLICIES_DIR: join(__dirname, '../../../../policies') });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document edited in place
type Json = Record<string, any>;
const file = () => JSON.parse(readFileSync(join(real, 'ANASTASIS.json'), 'utf8')) as Json;

function problemsOf(content: unknown): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'assistance-profiles-'));
  try {
    writeFileSync(join(dir, 'ANASTASIS.json'), JSON.stringify(content));
    loadAssistanceProfiles(dir);
    return [];
  } catch (error) {
    if (error instanceof AssistanceProfileError) return error.problems;
    throw error;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

describe('the ANASTASIS profile (RULES §4.10)', () => {
  it('loads policies/assistance/ANASTASIS.json into the figures the rules read', () => {
    const profiles = loadAssistanceProfiles(real);
    expect(profiles.current()).toEqual(ANASTASIS);
    expect(profiles.byVersion('ANASTASIS@handling-v1')).toEqual(ANASTASIS);
  });

  it('PRV-6, AMB-29: keeps the unstated retention period null and says it must be set', () => {
    const profiles = loadAssistanceProfiles(real);
    expect(profiles.current()?.ticketHistoryRetention).toBeNull();
    expect(profiles.warnings).toEqual([
      expect.stringContaining('retention.ticketHistory.period is NOT STATED'),
    ]);
  });

  it('PRV-1: the roles the endpoints grant are the ones the profile names', () => {
    const profile = file();
    expect(WORKERS).toEqual(profile.ticket.accessRoles);
    expect(AUDITED).toEqual(profile.ticket.auditedRoles);
  });

  it('names the file, the field and the reason of every problem', () => {
    const bad = file();
    bad.data.collectable.push('birthDate');
    bad.calls.recorded = 'no';
    bad.impersonation.consentPerSession = false;
    bad.retention.ticketHistory.period = '2 years';
    bad.colour = 'red';
    delete bad.erasure.address;
    expect(problemsOf(bad)).toEqual(
      expect.arrayContaining([
        'ANASTASIS.json: data.collectable.5 must be one of firstName, lastName, email, phone, fiscalCode',
        'ANASTASIS.json: calls.recorded must be true or false',
        'ANASTASIS.json: impersonation.consentPerSession must be true: the rules implement only that reading',
        'ANASTASIS.json: retention.ticketHistory.period must be an ISO 8601 period such as P2Y, or null while NOT STATED',
        'ANASTASIS.json: colour is not a known field',
        'ANASTASIS.json: erasure.address must be a non-empty string',
      ]),
    );
    expect(problemsOf({ ...file(), profile: 'OTHER' })).toEqual([
      expect.stringMatching(/: no ANASTASIS profile$/),
    ]);
  });

  it('accepts a retention period once the controller sets one, without a warning', () => {
    const set = file();
    set.retention.ticketHistory.period = 'P2Y';
    expect(problemsOf(set)).toEqual([]);
  });
});
