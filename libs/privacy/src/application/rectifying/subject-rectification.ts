import { v7 as uuidv7 } from 'uuid';
import { NotFound, RuleViolation } from '@sportello/decider';
import { RectifiableField } from '../../domain/data-subject.events';
import { kindOfField, normalizeIdentifier } from '../../domain/subject-identifiers';
import { SubjectRegistry } from '../../registry/subject-registry';
import { PrivacyCommands, Requester } from '../commands/privacy-commands';
import { SubjectExporter } from '../exporting/subject-exporter';

export interface RectificationInput {
  field: RectifiableField;
  value: string;
  reason: string | null;
}

/**
 * PRV-8, PRV-9: correcting a subject's data is an event on `subject-<id>` naming the values it
 * replaces (sealed under the subject's key). From then on every view but an auditor's shows the
 * correct value, and the blind index finds the subject by it and no longer by the old one.
 */
export class SubjectRectification {
  constructor(
    private readonly commands: PrivacyCommands,
    private readonly exporter: SubjectExporter,
    private readonly registry: SubjectRegistry,
  ) {}

  async rectify(
    subjectId: string,
    input: RectificationInput,
    as: Requester,
  ): Promise<{ rectificationId: string; replaced: number }> {
    if (!(await this.exporter.exists(subjectId))) throw new NotFound('Data subject', subjectId);
    const kind = kindOfField(input.field);
    if (kind && normalizeIdentifier(kind, input.value) === null)
      throw new RuleViolation('PRV-9', `The corrected value is not a valid ${input.field}`, {
        field: 'value',
      });
    const current = (await this.exporter.export(subjectId)).personalData
      .filter((p) => p.category === input.field && typeof p.value === 'string')
      .map((p) => p.value as string);
    const rectificationId = uuidv7();
    const result = await this.commands.run(
      subjectId,
      {
        type: 'RectifyData',
        rectificationId,
        subjectId,
        field: input.field,
        identifierKind: kind,
        value: input.value,
        current,
        reason: input.reason,
      },
      as,
    );
    const made = result.state.rectifications.find((r) => r.rectificationId === rectificationId);
    if (made && kind) await this.registry.replace(subjectId, kind, made.replaces, made.value);
    return { rectificationId, replaced: made?.replaces.length ?? 0 };
  }
}
