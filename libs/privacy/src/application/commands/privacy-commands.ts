import { CommandResult, CommandHandler } from '@sportello/eventstore';
import { CommandGateway } from '@sportello/platform';
import { dataSubjectDecider } from '../../domain/data-subject.decider';
import { DataSubjectCommand } from '../../domain/data-subject.commands';
import { DataSubjectEvent, dataSubjectStream } from '../../domain/data-subject.events';
import { DataSubjectState } from '../../domain/data-subject.state';

/** Who a privacy command is made for: the request's person, or a system job (retention). */
export type Requester =
  { kind: 'request' } | { kind: 'system'; component: string; correlationId: string };

/** Runs the data-subject decider on `subject-<id>`, as the requester. */
export class PrivacyCommands {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly handler: CommandHandler,
  ) {}

  load(subjectId: string) {
    return this.handler.load(dataSubjectDecider, dataSubjectStream(subjectId));
  }

  run(
    subjectId: string,
    command: DataSubjectCommand,
    as: Requester,
  ): Promise<CommandResult<DataSubjectState, DataSubjectEvent>> {
    const envelope = {
      stream: dataSubjectStream(subjectId),
      command,
      metadataFor: () => ({ subjectIds: [subjectId] }),
    };
    return as.kind === 'request'
      ? this.gateway.execute(dataSubjectDecider, envelope)
      : this.gateway.executeAsSystem(dataSubjectDecider, envelope, as);
  }
}
