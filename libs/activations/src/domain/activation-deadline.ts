import { Pause, dueBySolarDays, mergePauses, romeDateOf } from '@sportello/sla';
import {
  AccessKind,
  ActivationDeadline,
  ActivationService,
  ActivationTerm,
  DeadlineCandidate,
  RecordedPause,
  RequestKind,
} from './activation.events';
import { ActivationPolicy } from './activation.policy';

const ms = (instant: string) => Date.parse(instant);
const unique = (rules: string[]) => [...new Set(rules)];

export interface TermRequest {
  requestKind: RequestKind;
  services: readonly ActivationService[];
  access: AccessKind | null;
  relocationFormTermDays: number | null;
}

/** The term a request is pinned to when received (CAL-9). */
export function activationTermOf(policy: ActivationPolicy, request: TermRequest): ActivationTerm {
  const { activationDelay, relocationDelay } = policy.indemnity;
  const rate =
    request.requestKind === 'relocation' ? (relocationDelay ?? activationDelay) : activationDelay;
  const informedDelay = {
    exempts: policy.informedDelay.exempts,
    rule: policy.informedDelay.rule,
    clause: policy.informedDelay.clause,
    indemnityRule: rate.rules[0] ?? policy.informedDelay.rule,
  };
  if (request.requestKind === 'relocation') {
    const relocation = policy.relocation;
    const fromForm = relocation.termDays === null;
    return {
      requestKind: 'relocation',
      // AMB-8: no figure in the policy, so the term of the relocation form is recorded.
      category: fromForm ? 'RELOCATION_FORM' : 'RELOCATION',
      startsAt: relocation.startsAt,
      days: fromForm ? (request.relocationFormTermDays as number) : (relocation.termDays as number),
      rule: relocation.rule,
      clause: fromForm ? `${relocation.clause} (term of the relocation form)` : relocation.clause,
      afterPositiveCheck: null,
      technicalCheck: null,
      informedDelay,
      rules: fromForm ? [relocation.rule, 'AMB-8'] : [relocation.rule],
    };
  }
  const activation = policy.activation;
  const split = activation.indirectBroadband;
  // AMB-9: the longer term only for broadband via indirect access without voice.
  const indirectBroadband =
    split !== null && request.access === 'indirect' && !request.services.includes('voice');
  const check = policy.technicalCheck;
  const checkRule = check.rule ?? activation.rule;
  const checkClause = check.clause ?? activation.clause;
  return {
    requestKind: 'activation',
    category: indirectBroadband ? 'INDIRECT_BROADBAND' : 'STANDARD',
    startsAt: activation.startsAt,
    days: indirectBroadband ? split.termDays : activation.termDays,
    rule: indirectBroadband ? split.rule : activation.rule,
    clause: indirectBroadband ? split.clause : activation.clause,
    afterPositiveCheck:
      check.afterPositiveCheckDays === null
        ? null
        : { days: check.afterPositiveCheckDays, rule: checkRule, clause: checkClause },
    technicalCheck:
      check.termDays === null
        ? null
        : { days: check.termDays, rule: checkRule, clause: checkClause },
    informedDelay,
    rules: unique([
      activation.rule,
      ...(check.afterPositiveCheckDays === null ? [] : [checkRule, 'AMB-8']),
      ...(split === null ? [] : [split.rule, 'AMB-9']),
    ]),
  };
}

export interface DeadlineFacts {
  term: ActivationTerm;
  receivedAt: string;
  technicalCheck: { outcome: 'positive' | 'negative'; checkedAt: string } | null;
  pauses: readonly RecordedPause[];
  /** ACT-10: a date announced in time; counts only where the policy exempts informed delays. */
  announced: { noticeId: string; date: string } | null;
}

function candidate(
  basis: DeadlineCandidate['basis'],
  rule: string,
  clause: string,
  from: string,
  days: number,
  pauses: readonly Pause[],
): DeadlineCandidate {
  // CAL-2; CAL-8: a solar-day activation term moves by the whole days paused.
  const term = dueBySolarDays({ from, days, pauses });
  const summary = `${rule} (${clause}): ${term.summary}`;
  if (term.status === 'SUSPENDED') {
    return {
      basis,
      rule,
      clause,
      from: term.from,
      days,
      status: 'SUSPENDED',
      dueDate: null,
      dueAt: null,
      dueAtLocal: null,
      pausedDays: 0,
      pausedSince: term.pausedSince,
      summary,
    };
  }
  return {
    basis,
    rule,
    clause,
    from: term.from,
    days,
    status: 'DUE',
    dueDate: term.dueDate,
    dueAt: term.dueAt,
    dueAtLocal: term.dueAtLocal,
    pausedDays: term.pausedDays,
    pausedSince: null,
    summary,
  };
}

function termCandidates(facts: DeadlineFacts, pauses: readonly Pause[]): DeadlineCandidate[] {
  const { term, technicalCheck } = facts;
  const list = [
    candidate('REQUEST_TERM', term.rule, term.clause, facts.receivedAt, term.days, pauses),
  ];
  const after = term.afterPositiveCheck;
  if (after && technicalCheck?.outcome === 'positive') {
    list.push(
      candidate(
        'AFTER_POSITIVE_CHECK',
        after.rule,
        after.clause,
        technicalCheck.checkedAt,
        after.days,
        pauses,
      ),
    );
  }
  return list;
}

/** AMB-8: of the terms that ran out, the earlier wins. A term still suspended by an open pause
 * would end after any term that did run out, since the same pause covers every later day. */
function earliest(candidates: readonly DeadlineCandidate[]): DeadlineCandidate | null {
  const due = candidates.filter((c) => c.status === 'DUE');
  if (due.length === 0) return null;
  return due.reduce((a, b) => (ms(b.dueAt as string) < ms(a.dueAt as string) ? b : a));
}

function announcedCandidate(term: ActivationTerm, date: string): DeadlineCandidate {
  const end = dueBySolarDays({ from: date, days: 0 });
  if (end.status !== 'DUE') throw new Error('A day without pauses is never suspended');
  return {
    basis: 'ANNOUNCED_DATE',
    rule: 'ACT-10',
    clause: term.informedDelay.clause,
    from: date,
    days: null,
    status: 'DUE',
    dueDate: end.dueDate,
    dueAt: end.dueAt,
    dueAtLocal: end.dueAtLocal,
    pausedDays: 0,
    pausedSince: null,
    summary: `ACT-10 (${term.informedDelay.clause}): the customer was told in time that the service can be activated from ${date}; delay up to the end of that day carries no indemnity (${term.informedDelay.indemnityRule}).`,
  };
}

/**
 * The activation deadline with its explanation: the pinned term from receipt (ACT-1, ACT-9,
 * relocation), for Fastweb the earlier of that and positive check + 30 (ACT-2, AMB-8), moved by
 * whole days paused (CAL-8), replaced by a later date announced in time where the policy exempts
 * informed delays (ACT-10, IND-5); none after a negative technical check (AMB-8).
 */
export function activationDeadline(facts: DeadlineFacts): ActivationDeadline {
  const { term } = facts;
  const slaPauses: Pause[] = facts.pauses.map((p) => ({ start: p.from, end: p.to }));
  const checkDue = term.technicalCheck
    ? dueBySolarDays({ from: facts.receivedAt, days: term.technicalCheck.days })
    : null;
  const common = {
    requestKind: term.requestKind,
    category: term.category,
    receivedAt: new Date(ms(facts.receivedAt)).toISOString(),
    receivedDate: romeDateOf(facts.receivedAt),
    pauses: facts.pauses.map(({ pauseId, kind, from, to }) => ({ pauseId, kind, from, to })),
    mergedPauses: mergePauses(slaPauses),
    technicalCheckDue:
      term.technicalCheck && checkDue?.status === 'DUE'
        ? {
            rule: term.technicalCheck.rule,
            clause: term.technicalCheck.clause,
            dueDate: checkDue.dueDate,
            dueAt: checkDue.dueAt,
          }
        : null,
  };
  if (facts.technicalCheck?.outcome === 'negative') {
    return {
      ...common,
      status: 'NONE',
      candidates: [],
      chosen: null,
      dueAt: null,
      dueAtLocal: null,
      dueDate: null,
      unpausedDueAt: null,
      pausedSince: null,
      rules: unique([...term.rules, 'AMB-8']),
      summary:
        'Negative technical check: no activation deadline; the contract may not be concluded (AMB-8).',
    };
  }
  const candidates = termCandidates(facts, slaPauses);
  const unpaused = earliest(termCandidates(facts, [])) as DeadlineCandidate;
  let chosen = earliest(candidates);
  const earlierWins = candidates.length > 1;
  let announcedWins = false;
  if (facts.announced && term.informedDelay.exempts) {
    const announced = announcedCandidate(term, facts.announced.date);
    candidates.push(announced);
    if (chosen && ms(announced.dueAt as string) > ms(chosen.dueAt as string)) {
      chosen = announced;
      announcedWins = true;
    }
  }
  const rules = unique([
    ...term.rules,
    'CAL-1',
    'CAL-2',
    ...(slaPauses.length > 0 ? ['CAL-8'] : []),
    ...(announcedWins ? ['ACT-10', term.informedDelay.indemnityRule] : []),
  ]);
  const how = [
    ...(earlierWins ? ['the earlier deadline wins (AMB-8)'] : []),
    ...(announcedWins ? ['the later date announced to the customer replaces it (ACT-10)'] : []),
  ];
  const explained = candidates.map((c) => c.summary).join(' ');
  if (!chosen) {
    const since = candidates
      .map((c) => c.pausedSince as string)
      .reduce((a, b) => (ms(b) < ms(a) ? b : a));
    return {
      ...common,
      status: 'SUSPENDED',
      candidates,
      chosen: null,
      dueAt: null,
      dueAtLocal: null,
      dueDate: null,
      unpausedDueAt: unpaused.dueAt,
      pausedSince: since,
      rules,
      summary: `Suspended since ${since} by an open pause (CAL-8). ${explained}`,
    };
  }
  return {
    ...common,
    status: 'DUE',
    candidates,
    chosen: chosen.basis,
    dueAt: chosen.dueAt,
    dueAtLocal: chosen.dueAtLocal,
    dueDate: chosen.dueDate,
    unpausedDueAt: unpaused.dueAt,
    pausedSince: null,
    rules,
    summary:
      `Due by the end of ${chosen.dueDate} (${chosen.dueAtLocal})` +
      (how.length > 0 ? `: ${how.join('; ')}` : '') +
      `. ${explained}`,
  };
}
