import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { ApiProblems, IfMatch, Revisioned, revisioned, Roles } from '@sportello/platform';
import { AssistanceCommands } from '../application/assistance-commands';
import { newSessionCode, sessionCodeDigest } from '../application/remote/session-codes';
import {
  DeviceActionDto,
  EndSessionDto,
  ProposeRemoteDto,
  RevisionDto,
  SessionParam,
  SessionRequestedDto,
  StartSessionDto,
  TicketIdParam,
} from './assistance.dto';
import { WORKERS } from './assistance-roles';

const ETAG = { ETag: { description: 'The ticket revision', schema: { type: 'string' } } };
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

/** RAS-1..RAS-5: remote access to the customer's device, one authorisation per session. */
@ApiTags('assistance')
@Controller('v1/assistance/tickets/:id/remote-sessions')
export class RemoteAssistanceHttpController {
  constructor(private readonly commands: AssistanceCommands) {}

  @Post()
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Propose remote assistance after earlier steps did not solve the problem (RAS-1)',
    description:
      'Returns a one-time session code, shown only here: the customer confirms it to authorise ' +
      'this one session (RAS-2), recorded as a remote_assistance consent.',
  })
  @ApiCreatedResponse({ type: SessionRequestedDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async propose(
    @Param() { id }: TicketIdParam,
    @Body() body: ProposeRemoteDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<Revisioned<SessionRequestedDto>> {
    const sessionId = uuidv7();
    const sessionCode = newSessionCode();
    const result = await this.commands.run(
      id,
      {
        type: 'ProposeRemoteAssistance',
        sessionId,
        subjectId: body.subjectId ?? null,
        purpose: body.purpose,
        sessionCodeDigest: sessionCodeDigest(sessionCode),
      },
      ifMatch,
    );
    return revisioned(
      { ticketId: id, sessionId, sessionCode, revision: result.revision! },
      result.revision,
      `/v1/assistance/tickets/${id}`,
    );
  }

  @Post(':sessionId/start')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Start under the express authorisation given for this session (RAS-2, RAS-3)',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  start(
    @Param() { id, sessionId }: SessionParam,
    @Body() body: StartSessionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      { type: 'StartRemoteAssistanceSession', sessionId, consentId: body.consentId },
      ifMatch,
    );
  }

  @Post(':sessionId/actions')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Record an action on the device; beyond observing, after its own consent (RAS-5)',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  act(
    @Param() { id, sessionId }: SessionParam,
    @Body() body: DeviceActionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const actionId = uuidv7();
    return this.run(
      id,
      {
        type: 'PerformDeviceAction',
        sessionId,
        actionId,
        action: body.action,
        description: body.description,
        consentId: body.consentId ?? null,
      },
      ifMatch,
      actionId,
    );
  }

  @Post(':sessionId/end')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'End the session; a later access needs a new authorisation (RAS-3)' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  end(
    @Param() { id, sessionId }: SessionParam,
    @Body() body: EndSessionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      { type: 'EndRemoteAssistanceSession', sessionId, outcome: body.outcome },
      ifMatch,
    );
  }

  private async run(
    ticketId: string,
    command: Parameters<AssistanceCommands['run']>[1],
    ifMatch: number | undefined,
    createdId?: string,
  ): Promise<Revisioned<RevisionDto>> {
    const result = await this.commands.run(ticketId, command, ifMatch);
    return revisioned(
      { ticketId, revision: result.revision!, ...(createdId ? { id: createdId } : {}) },
      result.revision,
    );
  }
}
