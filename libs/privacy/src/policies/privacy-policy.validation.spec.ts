import { shippedPrivacyPolicy } from '../testing/privacy-policy.fixture';
import { PrivacyPolicyError, validatePrivacyPolicy } from './privacy-policy.validation';

describe('privacy policy data (policies/privacy/retention.json)', () => {
  it('PRV-6, PRV-10: the shipped file is valid and leaves unstated periods unset', () => {
    const policy = shippedPrivacyPolicy();
    expect(policy.profiles.map((p) => [p.operator, p.retention.ticketHistory.days])).toEqual([
      ['FASTWEB', null],
      ['SKYFW', null],
      ['PSA', null],
      ['WINDTRE', null],
      ['ANASTASIS', null],
    ]);
    const records = policy.legalHolds.find((h) => h.kind === 'statutory-records');
    expect(records).toMatchObject({ period: { years: null } });
    for (const p of policy.profiles)
      expect(p.retention.ticketHistory.note).toMatch(/must (be )?set/);
  });

  it('reports every problem with its field, never half-loading', () => {
    const policy = JSON.parse(JSON.stringify(shippedPrivacyPolicy()));
    policy.profiles[0].retention.ticketHistory.days = -3;
    policy.legalHolds[0].streamKinds = ['gadget'];
    policy.streamKinds[1].streamPrefix = 'complaint-';
    let error: unknown;
    try {
      validatePrivacyPolicy(policy, 'x.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrivacyPolicyError);
    expect((error as PrivacyPolicyError).problems).toEqual([
      'x.json: streamKinds[1].streamPrefix repeats another kind',
      'x.json: legalHolds[0].streamKinds names gadget, which streamKinds does not declare',
      'x.json: profiles[0].retention.ticketHistory.days must be a positive whole number of days, or null when no source states it',
    ]);
  });
});
