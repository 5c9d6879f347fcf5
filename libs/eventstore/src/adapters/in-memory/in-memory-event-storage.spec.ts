import { describeEventStoreConformance } from '../../testing/conformance';
import { InMemoryEventStorage } from './in-memory-event-storage';

describeEventStoreConformance('in-memory', async () => {
  const storage = new InMemoryEventStorage();
  return {
    storage,
    rawDump: async () => {
      let text = '';
      storage.tamper((log) => (text = JSON.stringify(log)));
      return text;
    },
    tamper: {
      editData: async (stream, revision, data) =>
        storage.tamper((_log, streams) => {
          const event = streams.get(stream)?.[revision];
          if (event) event.data = data;
        }),
      deleteEvent: async (stream, revision) =>
        storage.tamper((log, streams) => {
          const events = streams.get(stream) ?? [];
          const [removed] = events.splice(revision, 1);
          log.splice(log.indexOf(removed), 1);
        }),
    },
    close: async () => undefined,
  };
});
