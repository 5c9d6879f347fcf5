import { ConflictingState, NotFound, RuleViolation } from '@sportello/decider';
import { DataSubject } from './assistance.events';
import { AssistancePolicy, PERSONAL_FIELDS, PersonalField } from './assistance.policy';
import { AssistanceState, OpenedTicket } from './assistance.state';

/** Checks shared by the assistance commands: existence, closure, times, text, data subjects. */
export const ms = (instant: string) => Date.parse(instant);
export const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function opened(state: AssistanceState): OpenedTicket {
  if (state.status === 'none') throw new NotFound('Ticket', 'requested');
  return state;
}

/** PRV-5: once closed, no operation on the customer's data until the customer makes a new contact. */
export function openForOperations(state: AssistanceState): OpenedTicket {
  const ticket = opened(state);
  if (ticket.status === 'closed')
    throw new RuleViolation(
      'PRV-5',
      'The ticket is closed: no operation on the customer data until the customer makes a new contact',
      { status: 'closed' },
    );
  return ticket;
}

/** An ISO instant with an explicit offset, as ISO UTC. */
export function instant(value: string, field: string, ruleId: string): string {
  if (!ISO_INSTANT.test(value) || Number.isNaN(ms(value)))
    throw new RuleViolation(ruleId, `${field} must be an ISO instant with an offset`, { field });
  return iso(ms(value));
}

export function notInFuture(at: string, field: string, now: string, ruleId: string): void {
  if (ms(at) > ms(now))
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
}

export function text(
  value: string | null | undefined,
  field: string,
  ruleId: string,
  what: string,
) {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation(ruleId, what, { field });
  return trimmed;
}

/** The data subject a step concerns: one of the ticket's, the caller by default. */
export function subjectOf(ticket: OpenedTicket, subjectId: string | null, field: string): string {
  const subject = subjectId ?? ticket.callerSubjectId;
  if (!ticket.subjectIds.includes(subject))
    throw new RuleViolation('PRV-2', 'This person is not a data subject of the ticket', { field });
  return subject;
}

/** PRV-2: only the identifying fields the profile lets operators collect. */
export function collectable(
  policy: AssistancePolicy,
  fields: Partial<Record<PersonalField, unknown>>,
  path: string,
): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (!(PERSONAL_FIELDS as readonly string[]).includes(field)) continue;
    if (!policy.collectable.includes(field as PersonalField))
      throw new RuleViolation(
        'PRV-2',
        `The ${policy.profile} profile does not allow collecting ${field}`,
        { field: `${path}.${field}` },
      );
  }
}

export function personalFields(
  subject: DataSubject,
): Partial<Record<PersonalField, string | null>> {
  const fields: Partial<Record<PersonalField, string | null>> = {};
  for (const field of PERSONAL_FIELDS)
    if (subject[field] !== undefined) fields[field] = subject[field];
  return fields;
}

export function conflict(message: string, details: Record<string, unknown> = {}): never {
  throw new ConflictingState(message, details);
}
