/** Small helpers shared by the benchmarks: timing, percentiles, tables and result files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, 'results');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `writers` loops of `op` for `seconds`, returning operations per second and latencies (ms). */
export async function throughput(
  writers: number,
  seconds: number,
  op: (writer: number, i: number) => Promise<void>,
): Promise<{ perSec: number; latencies: number[] }> {
  const deadline = performance.now() + seconds * 1_000;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        await op(writer, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { perSec: latencies.length / ((performance.now() - started) / 1_000), latencies };
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}

export function writeResults(file: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));
