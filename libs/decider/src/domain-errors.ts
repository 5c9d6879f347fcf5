/**
 * Named refusals a decider may raise. The API maps them to RFC 9457 problems:
 * rule → 422 (with the rule id), conflicting state → 409, not found → 404.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'rule_violation' | 'conflicting_state' | 'not_found';

  protected constructor(
    message: string,
    readonly ruleId: string | null,
    /** Safe to show a client: no personal data. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule forbids the command (e.g. `CMP-9`: a rejection needs its reasons). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule_violation' as const;

  constructor(ruleId: string, message: string, details?: Record<string, unknown>) {
    super(message, ruleId, details);
  }
}

/** The ticket is not in a state where the command makes sense (e.g. answering a closed one). */
export class ConflictingState extends DomainError {
  readonly kind = 'conflicting_state' as const;

  constructor(message: string, details?: Record<string, unknown>, ruleId: string | null = null) {
    super(message, ruleId, details);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;

  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist`, null, { [what.toLowerCase()]: id });
  }
}
