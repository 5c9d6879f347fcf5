/** A generator thread of complaint-store.ts: makes rows, hands each batch over, awaits its ack. */
import { parentPort, workerData } from 'node:worker_threads';
import { ComplaintSpec, makeRows } from './complaint-store.rows';

const { spec, range, subjects, keys } = workerData as {
  spec: ComplaintSpec;
  range: [number, number];
  subjects: string[];
  keys: [string, Uint8Array][];
};
const port = parentPort!;
let acked: (() => void) | null = null;
port.on('message', () => acked?.());

void makeRows(
  spec,
  range,
  subjects,
  new Map(keys.map(([subject, key]) => [subject, Buffer.from(key)])),
  (batch) =>
    new Promise<void>((resolve) => {
      acked = resolve;
      port.postMessage({ batch });
    }),
).then((done) => {
  port.postMessage({ done });
  port.close();
});
