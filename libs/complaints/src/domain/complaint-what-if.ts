import { answerTerm } from './complaint-deadlines';
import { complaintLateIndemnity, ComplaintLateIndemnity } from './complaint-indemnity';
import { ComplaintPolicy } from './complaint.policy';
import { FiledComplaint } from './complaint.state';

export interface ComplaintFigures {
  policyVersion: string;
  answerDueAt: string;
  dueDate: string;
  /** How the deadline follows from the policy: the term, or a complexity notice (CMP-7). */
  dueBecause: 'answer term' | 'complexity notice';
  indemnity: ComplaintLateIndemnity;
}

/**
 * The deadline and the late-answer indemnity a complaint would have under `policy`, judged on the
 * same facts (receipt, complexity notice, answer). The ticket itself keeps the version it pinned
 * (CAL-9): this only answers "what if".
 */
export function complaintUnderPolicy(
  complaint: FiledComplaint,
  policy: ComplaintPolicy,
  now: string,
): ComplaintFigures {
  const term = answerTerm(policy, complaint.receivedAt);
  const noticeExtends =
    complaint.complexityNoticeAt !== null &&
    policy.complexityExtensionAllowed &&
    Date.parse(complaint.complexityNoticeAt) <= Date.parse(term.dueAt) &&
    Date.parse(complaint.answerDueAt) > Date.parse(term.dueAt);
  const answerDueAt = noticeExtends ? complaint.answerDueAt : term.dueAt;
  const indemnity = complaintLateIndemnity(
    {
      answerDueAt,
      customerType: complaint.customerType,
      answeredAt: complaint.answer?.answeredAt ?? null,
      withdrawnAt: complaint.withdrawnAt,
    },
    policy,
    now,
  );
  return {
    policyVersion: policy.version,
    answerDueAt,
    dueDate: indemnity.dueDate,
    dueBecause: noticeExtends ? 'complexity notice' : 'answer term',
    indemnity,
  };
}
