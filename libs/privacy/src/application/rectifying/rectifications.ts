import { EventStore } from '@sportello/eventstore';
import { dataSubjectStream, SubjectDataRectified } from '../../domain/data-subject.events';
import { Rectification } from '../../domain/personal-fields';

/** The corrections made to a subject's data, oldest first (read from `subject-<id>`). */
export async function rectificationsOf(
  store: EventStore,
  subjectId: string,
): Promise<Rectification[]> {
  const events = await store.readStream(dataSubjectStream(subjectId));
  return events
    .filter((e) => e.type === 'SubjectDataRectified' && e.masked.length === 0)
    .map((e) => {
      const data = e.data as SubjectDataRectified['data'];
      return { value: data.value, replaces: data.replaces, kind: data.identifierKind };
    });
}
