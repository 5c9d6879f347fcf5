import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound } from '@sportello/decider';
import { ApiProblems, FieldError, ProblemException, Roles } from '@sportello/platform';
import { OperatorPolicy } from '../operator-policy';
import { PolicyCatalog, policyStart } from '../policy-catalog';
import { policyProblems } from '../policy-validation';
import { ListPoliciesQuery, PolicyVersionParam, WhatIfDto } from './policies.dto';
import { WhatIfRegistry } from './what-if.registry';

/** `complaints.answerTerm.days must be …` → the field path and the reason, for problem+json. */
function asFieldError(problem: string): FieldError {
  const space = problem.indexOf(' ');
  return { field: `policy.${problem.slice(0, space)}`, reason: problem.slice(space + 1) };
}

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesHttpController {
  constructor(
    private readonly catalog: PolicyCatalog,
    private readonly whatIf: WhatIfRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The operator policy versions loaded, with the period each is in force (CAL-9)',
  })
  @ApiProblems(400)
  list(@Query() query: ListPoliciesQuery) {
    const now = this.clock.now().getTime();
    const operators = query.operator ? [query.operator] : this.catalog.operators();
    return {
      items: operators.flatMap((operator) => {
        const versions = this.catalog.versionsOf(operator);
        return versions.map((policy, i) => {
          const next = versions[i + 1] ?? null;
          return {
            operator,
            version: policy.version,
            effectiveFrom: policy.effectiveFrom,
            supersededFrom: next?.effectiveFrom ?? null,
            supersededBy: next?.version ?? null,
            inForceNow: policyStart(policy) <= now && (!next || policyStart(next) > now),
            sources: policy.sources,
          };
        });
      }),
    };
  }

  @Get(':version')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'One policy version, every figure with its clause' })
  @ApiProblems(400, 404)
  get(@Param() { version }: PolicyVersionParam): OperatorPolicy {
    const policy = this.catalog.version(version);
    if (!policy) throw new NotFound('Policy version', version.slice(0, 100));
    return policy;
  }

  @Post('what-if')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Open tickets under a candidate policy version, beside their own figures',
    description:
      'Computes deadlines and indemnities under a loaded version or a submitted document; ' +
      'nothing is stored and no ticket changes (CAL-9: tickets keep the version they pinned).',
  })
  @ApiProblems(400, 404)
  async evaluate(@Body() body: WhatIfDto) {
    const candidate = this.candidate(body);
    const kind = body.ticketKind ?? 'complaint';
    const contributor = this.whatIf.contributor(kind);
    if (!contributor) {
      throw ProblemException.validation([
        { field: 'ticketKind', reason: `must be one of ${this.whatIf.kinds().join(', ')}` },
      ]);
    }
    const now = this.clock.now();
    const page = await contributor.evaluate(candidate, {
      now,
      limit: body.limit ?? 100,
      cursor: body.cursor ?? null,
    });
    const sum = (pick: (t: (typeof page.tickets)[number]) => number) =>
      page.tickets.reduce((total, t) => total + pick(t), 0);
    return {
      asOf: now.toISOString(),
      ticketKind: kind,
      candidate: {
        operator: candidate.operator,
        version: candidate.version,
        effectiveFrom: candidate.effectiveFrom,
        source: body.policy ? 'submitted' : 'loaded',
      },
      totals: {
        tickets: page.tickets.length,
        changed: page.tickets.filter((t) => t.changed).length,
        currentIndemnityCents: sum((t) => t.current.indemnity.amountCents),
        candidateIndemnityCents: sum((t) => t.candidate.indemnity.amountCents),
      },
      tickets: page.tickets,
      nextCursor: page.nextCursor,
    };
  }

  private candidate(body: WhatIfDto): OperatorPolicy {
    if (body.policy !== undefined && body.version !== undefined) {
      throw ProblemException.validation([
        { field: 'policy', reason: 'give either a loaded version or a policy document, not both' },
      ]);
    }
    if (body.policy !== undefined) {
      const problems = policyProblems(body.policy);
      if (problems.length) throw ProblemException.validation(problems.map(asFieldError));
      return body.policy as unknown as OperatorPolicy;
    }
    const policy = this.catalog.version(body.version as string);
    if (!policy) throw new NotFound('Policy version', (body.version as string).slice(0, 100));
    return policy;
  }
}
