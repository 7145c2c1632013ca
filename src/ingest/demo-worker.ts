import { parentPort, workerData } from 'node:worker_threads';
import { produceDemo, type DemoChunk, type DemoInput } from './demo-producer.js';
import type { ResponseRollupTable } from '../store/migrations/0008-response-rollup.js';
import type { Progress } from './progress.js';

/** The demo's generation in a thread of its own, so that it runs while the main thread writes to the database. */
export type WorkerMessage =
  | { type: 'chunk'; chunk: DemoChunk }
  | { type: 'rollup'; text: string }
  | { type: 'response-rollup'; table: ResponseRollupTable; text: string }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; produced: Awaited<ReturnType<typeof produceDemo>> };

const port = parentPort;
if (!port) throw new Error('demo-worker must run in a worker thread');

/** How many chunks may wait to be written before generation pauses. */
const maxInFlight = 3;
let inFlight = 0;
const waiting: (() => void)[] = [];
port.on('message', (message: { type: 'ack' }) => {
  if (message.type === 'ack') {
    inFlight--;
    waiting.shift()?.();
  }
});

function post(message: WorkerMessage): void {
  inFlight++;
  port?.postMessage(message);
}

async function drain(): Promise<void> {
  while (inFlight > maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
}

const produced = await produceDemo(workerData as DemoInput, {
  write: (chunk) => post({ type: 'chunk', chunk }),
  drain,
  rollup: async (text) => {
    post({ type: 'rollup', text });
    await drain();
  },
  responseRollup: async (table, text) => {
    post({ type: 'response-rollup', table, text });
    await drain();
  },
  progress: (progress) => port.postMessage({ type: 'progress', progress } satisfies WorkerMessage),
});
port.postMessage({ type: 'done', produced } satisfies WorkerMessage);
port.close();
