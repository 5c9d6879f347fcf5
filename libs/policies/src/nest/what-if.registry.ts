import { Injectable } from '@nestjs/common';
import { OperatorPolicy } from '../operator-policy';

/** One open ticket's figures under its pinned version and under the candidate. */
export interface WhatIfTicket {
  ticketKind: string;
  ticketId: string;
  reference: string;
  /** CAL-9: whether the candidate would govern this ticket, given its receipt date. */
  candidateWouldApply: boolean;
  current: WhatIfFigures;
  candidate: WhatIfFigures;
  changed: boolean;
}

export interface WhatIfFigures {
  policyVersion: string;
  /** null where no deadline runs: a fault's clock paused, or no fixed term (FLT-8, FLT-10). */
  dueAt: string | null;
  dueDate: string | null;
  explanation: string;
  indemnity: {
    status: string;
    daysLate: number;
    amountCents: number;
    capCents: number;
    dailyCents: number;
    clause: string;
  };
}

export interface WhatIfPage {
  tickets: WhatIfTicket[];
  /** More open tickets than the limit: ask again with this cursor. */
  nextCursor: string | null;
}

/** A ticket kind that can re-judge its open tickets under a candidate policy, changing nothing. */
export interface WhatIfContributor {
  ticketKind: string;
  evaluate(
    candidate: OperatorPolicy,
    options: { now: Date; limit: number; cursor: string | null },
  ): Promise<WhatIfPage>;
}

/** Ticket modules register here; the policies API asks each of them. */
@Injectable()
export class WhatIfRegistry {
  private readonly contributors = new Map<string, WhatIfContributor>();

  register(contributor: WhatIfContributor): void {
    this.contributors.set(contributor.ticketKind, contributor);
  }

  kinds(): string[] {
    return [...this.contributors.keys()].sort();
  }

  contributor(kind: string): WhatIfContributor | null {
    return this.contributors.get(kind) ?? null;
  }
}
