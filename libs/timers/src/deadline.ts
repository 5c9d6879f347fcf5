/**
 * A deadline the system must wake up for. Only ids travel through Redis: the stream name
 * (`complaint-<uuid>`), the kind of deadline and its due instant — never personal data.
 */
export interface Deadline {
  stream: string;
  kind: string;
  /** ISO instant. */
  dueAt: string;
}

const SAFE = /^[A-Za-z0-9_.-]+$/;

/** Arming the same deadline twice yields the same job id, so BullMQ keeps one job. */
export function deadlineJobId(deadline: Deadline): string {
  const due = Date.parse(deadline.dueAt);
  if (Number.isNaN(due)) throw new RangeError(`Not an instant: ${deadline.dueAt}`);
  if (!SAFE.test(deadline.stream) || !SAFE.test(deadline.kind)) {
    throw new RangeError(`Deadline ids must be plain ids: ${deadline.stream} / ${deadline.kind}`);
  }
  return `${deadline.stream}__${deadline.kind}__${due}`;
}

export function isDeadline(value: unknown): value is Deadline {
  const d = value as Deadline;
  return (
    typeof d?.stream === 'string' && typeof d?.kind === 'string' && typeof d?.dueAt === 'string'
  );
}
