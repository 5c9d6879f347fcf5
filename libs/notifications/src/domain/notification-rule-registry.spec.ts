import { notificationIdOf } from './notification-id';
import { NotifiableEvent, NotificationRuleSet, NotificationTemplate } from './notification-rules';
import { NotificationRuleError, NotificationRuleRegistry } from './notification-rule-registry';

const template = (name: string): NotificationTemplate => ({
  name,
  contact: () => ({ status: 'missing' }),
  render: () => ({ subject: 's', text: 't' }),
});

const event = (type: string): NotifiableEvent => ({
  id: '01a20386-0000-7000-8000-000000000001',
  type,
  stream: 'incident-1',
  revision: 0,
  data: { subjectId: 'sub-1' },
  occurredAt: '2026-05-19T08:00:00Z',
  masked: [],
});

const billing: NotificationRuleSet = {
  name: 'billing-incidents',
  templates: [template('billing-incident.notice')],
  rules: [
    {
      eventType: 'BillingIncidentDeclared',
      notices: (e) => [
        {
          template: 'billing-incident.notice',
          channels: ['sms'],
          subjectId: (e.data as { subjectId: string }).subjectId,
          ticketStream: e.stream,
        },
      ],
    },
  ],
};

describe('notification rule registry', () => {
  it('NTF-10: maps an event type to the notices its rules call for', () => {
    const registry = new NotificationRuleRegistry().register(billing);
    expect(registry.noticesFor(event('BillingIncidentDeclared'))).toEqual([
      {
        template: 'billing-incident.notice',
        channels: ['sms'],
        subjectId: 'sub-1',
        ticketStream: 'incident-1',
      },
    ]);
    expect(registry.noticesFor(event('SomethingElse'))).toEqual([]);
    expect(registry.template('billing-incident.notice').name).toBe('billing-incident.notice');
  });

  it('registering the same set twice is harmless; two sets may not share a template name', () => {
    const registry = new NotificationRuleRegistry().register(billing, billing);
    expect(registry.noticesFor(event('BillingIncidentDeclared'))).toHaveLength(1);
    expect(() => registry.register({ ...billing, name: 'other' })).toThrow(NotificationRuleError);
  });

  it('refuses a notice with an unknown template, no channel, a repeated or unknown channel', () => {
    const bad = (notice: object) =>
      new NotificationRuleRegistry().register({
        name: 'bad',
        templates: [template('t')],
        rules: [
          {
            eventType: 'E',
            notices: () => [
              { template: 't', channels: ['sms'], subjectId: 's', ticketStream: 'x-1', ...notice },
            ],
          },
        ],
      });
    expect(() => bad({ template: 'nope' }).noticesFor(event('E'))).toThrow(/unknown template/);
    expect(() => bad({ channels: [] }).noticesFor(event('E'))).toThrow(/without channels/);
    expect(() => bad({ channels: ['sms', 'sms'] }).noticesFor(event('E'))).toThrow(/twice/);
    expect(() => bad({ channels: ['fax'] }).noticesFor(event('E'))).toThrow(/unknown channel/);
    expect(() => bad({ subjectId: '' }).noticesFor(event('E'))).toThrow(/subject/);
  });

  it('is frozen once the outbox starts: a late rule would miss events already passed', () => {
    const registry = new NotificationRuleRegistry().freeze();
    expect(() => registry.register(billing)).toThrow(/onModuleInit/);
  });

  it('NTF-13: one notice, one id, derived from ids only (event, template, channel)', () => {
    const id = notificationIdOf('01a20386-0000-7000-8000-000000000001', 'complaint.filed', 'email');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      notificationIdOf('01a20386-0000-7000-8000-000000000001', 'complaint.filed', 'email'),
    ).toBe(id);
    expect(
      notificationIdOf('01a20386-0000-7000-8000-000000000001', 'complaint.filed', 'sms'),
    ).not.toBe(id);
    expect(
      notificationIdOf('01a20386-0000-7000-8000-000000000002', 'complaint.filed', 'email'),
    ).not.toBe(id);
  });
});
