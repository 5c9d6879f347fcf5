import { NOTIFICATION_CHANNELS, NotificationChannelName } from './customer-notified.event';
import {
  NotifiableEvent,
  NoticeRequest,
  NotificationRule,
  NotificationRuleSet,
  NotificationTemplate,
} from './notification-rules';

export class NotificationRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotificationRuleError';
  }
}

/**
 * Every library's notification rules and templates, registered at start-up. Frozen once the
 * outbox starts: a rule added later would silently miss the events already passed.
 */
export class NotificationRuleRegistry {
  private readonly rules = new Map<string, NotificationRule[]>();
  private readonly templates = new Map<string, NotificationTemplate>();
  private readonly sets = new Set<string>();
  private frozen = false;

  register(...sets: NotificationRuleSet[]): this {
    if (this.frozen)
      throw new NotificationRuleError('Register notification rules in onModuleInit, before start');
    for (const set of sets) {
      if (this.sets.has(set.name)) continue;
      for (const template of set.templates) {
        if (this.templates.has(template.name))
          throw new NotificationRuleError(`Template ${template.name} is registered twice`);
      }
      for (const template of set.templates) this.templates.set(template.name, template);
      for (const rule of set.rules) {
        this.rules.set(rule.eventType, [...(this.rules.get(rule.eventType) ?? []), rule]);
      }
      this.sets.add(set.name);
    }
    return this;
  }

  freeze(): this {
    this.frozen = true;
    return this;
  }

  get ruleSets(): string[] {
    return [...this.sets];
  }

  /** The notices an event calls for, checked: a bad rule is a bug, and it stops the outbox. */
  noticesFor(event: NotifiableEvent): NoticeRequest[] {
    const notices = (this.rules.get(event.type) ?? []).flatMap((rule) => rule.notices(event));
    for (const notice of notices) this.check(event.type, notice);
    return notices;
  }

  template(name: string): NotificationTemplate {
    const template = this.templates.get(name);
    if (!template) throw new NotificationRuleError(`Unknown notification template ${name}`);
    return template;
  }

  private check(eventType: string, notice: NoticeRequest): void {
    const problem = (what: string) =>
      new NotificationRuleError(`A rule for ${eventType} returned a notice ${what}`);
    if (!this.templates.has(notice.template))
      throw problem(`with unknown template ${notice.template}`);
    if (!notice.subjectId) throw problem('without a subject id');
    if (!notice.ticketStream) throw problem('without a ticket stream');
    if (notice.channels.length === 0) throw problem('without channels');
    if (new Set(notice.channels).size !== notice.channels.length)
      throw problem('with a channel listed twice');
    for (const channel of notice.channels) {
      if (!NOTIFICATION_CHANNELS.includes(channel as NotificationChannelName))
        throw problem(`with unknown channel ${String(channel)}`);
    }
  }
}
