import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler, RecordedEvent } from '@sportello/eventstore';
import {
  ApiProblems,
  CommandGateway,
  IfMatch,
  ProblemException,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { toTimeline } from '@sportello/tickets';
import {
  MAINTENANCE_POLICIES,
  MaintenancePolicies,
} from '../application/maintenance-policies.port';
import { maintenanceWindowStream } from '../application/maintenance-streams';
import { MaintenanceQueries } from '../application/queries/maintenance-queries';
import {
  MAINTENANCE_REFERENCE_INPUT,
  MaintenanceWindowReferences,
} from '../application/references/maintenance-window-references';
import { MaintenanceCommand } from '../domain/maintenance.commands';
import { maintenanceDecider } from '../domain/maintenance.decider';
import {
  AffectedScope,
  MaintenanceEvent,
  MaintenanceWindowRegistered,
  NoticeCompliance,
} from '../domain/maintenance.events';
import { MaintenancePolicy } from '../domain/maintenance.policy';
import { RegisteredWindow } from '../domain/maintenance.state';
import {
  CancelWindowDto,
  DeclareMaintenanceWindowDto,
  EndDto,
  ListMaintenanceWindowsQuery,
  MaintenanceWindowDeclaredDto,
  MaintenanceWindowIdParam,
  NoticeDto,
  RescheduleDto,
  StartDto,
} from './maintenance-windows.dto';

const ETAG = { ETag: { description: 'The window revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

type Data<T extends MaintenanceEvent['type']> = Extract<MaintenanceEvent, { type: T }>['data'];
const ofType = <T extends MaintenanceEvent['type']>(events: RecordedEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.data as Data<T>);

/** Every verdict on the notice, in order (MNT-4: at publication and again at the start). */
function complianceHistory(events: RecordedEvent[]): NoticeCompliance[] {
  return events
    .map((e) => (e.data as { compliance?: NoticeCompliance }).compliance)
    .filter((c): c is NoticeCompliance => c !== undefined);
}

const subjectsOf = (affected: AffectedScope) =>
  affected.kind === 'lines' ? [...new Set(affected.lines.map((l) => l.subjectId))] : [];

@ApiTags('maintenance-windows')
@Controller('v1/maintenance-windows')
export class MaintenanceWindowsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly references: MaintenanceWindowReferences,
    private readonly queries: MaintenanceQueries,
    @Inject(MAINTENANCE_POLICIES) private readonly policies: MaintenancePolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'Declare a maintenance window: area, affected lines or their count, start, end, notice',
    description:
      'The notice is judged against the policy in force (MNT-1, MNT-2, AMB-10): compliant, a contractual breach flagged to supervisors, or an indemnified breach (MNT-3).',
  })
  @ApiCreatedResponse({ type: MaintenanceWindowDeclaredDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async declare(
    @Body() body: DeclareMaintenanceWindowDto,
  ): Promise<Revisioned<MaintenanceWindowDeclaredDto>> {
    if (body.lines && body.affectedCount !== undefined)
      throw ProblemException.validation([
        { field: 'affectedCount', reason: 'give the affected lines or their count, not both' },
      ]);
    const now = this.clock.now().toISOString();
    const policy = this.policies.inForce(body.operator, now);
    if (!policy) {
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} with maintenance figures is in force`,
        { field: 'operator' },
      );
    }
    const affected: AffectedScope =
      body.affectedCount !== undefined
        ? { kind: 'count', count: body.affectedCount }
        : {
            kind: 'lines',
            lines: (body.lines ?? []).map((line) => ({
              lineId: line.lineId,
              subjectId: line.subjectId ?? uuidv7(),
              customerType: line.customerType,
            })),
          };
    const windowId = uuidv7();
    const reference = await this.references.reserve(
      windowId,
      new Date(body.plannedStart).getUTCFullYear(),
    );
    const result = await this.commands.execute(maintenanceDecider, {
      stream: maintenanceWindowStream(windowId),
      newStream: true,
      command: {
        type: 'RegisterMaintenanceWindow',
        windowId,
        reference,
        policy,
        kind: body.kind ?? 'planned',
        area: body.area ?? null,
        affected,
        plannedStart: body.plannedStart,
        plannedEnd: body.plannedEnd,
        description: body.description ?? '',
        notice: body.notice ? { noticeId: uuidv7(), ...body.notice } : null,
      },
      metadataFor: () => ({ policyVersion: policy.version, subjectIds: subjectsOf(affected) }),
    });
    const registered = result.events[0] as MaintenanceWindowRegistered;
    return revisioned(
      {
        windowId,
        reference,
        complianceStatus: registered.data.compliance.status,
        explanation: registered.data.compliance.summary,
        policyVersion: policy.version,
        revision: result.revision!,
      },
      result.revision,
      `/v1/maintenance-windows/${windowId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List maintenance windows, by planned start',
    description:
      'Filters: status, operator, kind, compliance status, consequence, breached, start between, affected subject, reference. Cursor pagination. No personal data.',
  })
  @ApiProblems(400)
  list(@Query() query: ListMaintenanceWindowsQuery) {
    return this.queries.list(query);
  }

  @Get('by-reference/:reference')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Find a maintenance window by its reference' })
  @ApiProblems(404)
  async byReference(@Param('reference') reference: string) {
    const windowId = MAINTENANCE_REFERENCE_INPUT.test(reference)
      ? await this.references.windowOf(reference)
      : null;
    if (!windowId) throw new NotFound('Maintenance window reference', reference.slice(0, 20));
    return this.detail({ id: windowId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A window: affected lines, notice, compliance at each stage with its clauses, breach, interruption, indemnity per line, timeline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: MaintenanceWindowIdParam) {
    const { state, revision, events } = await this.handler.load(
      maintenanceDecider,
      maintenanceWindowStream(id),
    );
    if (state.status === 'none' || revision === null) throw new NotFound('Maintenance window', id);
    const registered = events[0].data as MaintenanceWindowRegistered['data'];
    const assessed = ofType(events, 'MaintenanceNoticeIndemnityAssessed').at(-1) ?? null;
    const policy = this.policies.byVersion(state.policyVersion);
    const lines =
      registered.affected.kind === 'lines'
        ? registered.affected.lines.map((line, i) => ({
            ...line,
            indemnityCents: assessed?.lines?.[i]?.amountCents ?? null,
          }))
        : null;
    return revisioned(
      {
        windowId: id,
        reference: state.reference,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        kind: state.kind,
        area: registered.area,
        description: registered.description,
        plannedStart: state.plannedStart,
        plannedEnd: state.plannedEnd,
        affected: {
          kind: registered.affected.kind,
          count: lines ? lines.length : (registered.affected as { count: number }).count,
          lines,
        },
        notice: state.notice,
        compliance: {
          current: state.compliance,
          flaggedToSupervisors: state.compliance.consequence !== 'NONE',
          history: complianceHistory(events),
        },
        breach: ofType(events, 'MaintenanceNoticeBreached').at(-1) ?? null,
        startedAt: state.startedAt,
        endedAt: state.endedAt,
        interruption: ofType(events, 'MaintenanceEnded').at(-1) ?? null,
        indemnity: {
          assessed,
          rates: policy ? policy.indemnity : null,
        },
        cancellation: ofType(events, 'MaintenanceWindowCancelled').at(-1) ?? null,
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/notice')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Record the notice to customers; it is judged at once (MNT-4)' })
  @ApiProblems(...WRITE_PROBLEMS)
  notice(
    @Param() { id }: MaintenanceWindowIdParam,
    @Body() body: NoticeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const noticeId = uuidv7();
    return this.run(
      id,
      (policy) => ({ type: 'PublishMaintenanceNotice', policy, noticeId, ...body }),
      ifMatch,
    );
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Move the planned start and end; the notice is judged again' })
  @ApiProblems(...WRITE_PROBLEMS)
  reschedule(
    @Param() { id }: MaintenanceWindowIdParam,
    @Body() body: RescheduleDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (policy) => ({ type: 'RescheduleMaintenanceWindow', policy, ...body }),
      ifMatch,
    );
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record the start of the interruption: the final verdict on the notice (MNT-4)',
    description:
      'A breach is flagged to supervisors; below the indemnified minimum it is indemnified (MNT-3, AMB-10).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  start(
    @Param() { id }: MaintenanceWindowIdParam,
    @Body() body: StartDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (policy) => ({ type: 'RecordMaintenanceStart', policy, startedAt: body.startedAt }),
      ifMatch,
    );
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'Record the end of the interruption; an indemnified breach is assessed per line (MNT-3)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  end(
    @Param() { id }: MaintenanceWindowIdParam,
    @Body() body: EndDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (policy) => ({ type: 'RecordMaintenanceEnd', policy, endedAt: body.endedAt }),
      ifMatch,
    );
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Cancel a scheduled window, with its reason' })
  @ApiProblems(...WRITE_PROBLEMS)
  cancel(
    @Param() { id }: MaintenanceWindowIdParam,
    @Body() body: CancelWindowDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, () => ({ type: 'CancelMaintenanceWindow', reason: body.reason }), ifMatch);
  }

  private pinned(window: RegisteredWindow): MaintenancePolicy {
    const policy = this.policies.byVersion(window.policyVersion);
    if (!policy) throw new Error(`Policy version ${window.policyVersion} is no longer loaded`);
    return policy;
  }

  private async run(
    id: string,
    command: (policy: MaintenancePolicy) => MaintenanceCommand,
    ifMatch: number | undefined,
  ) {
    const stream = maintenanceWindowStream(id);
    const { state, revision } = await this.handler.load(maintenanceDecider, stream);
    if (state.status === 'none' || revision === null) throw new NotFound('Maintenance window', id);
    const result = await this.commands.execute(maintenanceDecider, {
      stream,
      command: command(this.pinned(state)),
      ifMatch,
      metadataFor: () => ({
        policyVersion: state.policyVersion,
        subjectIds: subjectsOf(state.affected),
      }),
    });
    const after = result.state.status === 'none' ? null : result.state;
    return revisioned(
      {
        windowId: id,
        status: after?.status,
        compliance: after?.compliance ?? null,
        events: result.events.map((e) => e.type),
        revision: result.revision!,
      },
      result.revision,
    );
  }
}
