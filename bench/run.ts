/**
 * `npm run bench`: every section in one run, each printing its table (every figure beside its
 * baseline from the same run) and writing `bench/results/<section>.json`; a summary of the run
 * goes to `bench/results/summary.json`. `BENCH_ONLY=http,peer` runs some sections only.
 * Loopback only: the machine's PostgreSQL (fresh schemas, a throwaway database for the peer)
 * and private Redis servers started here.
 */
import { cpus } from 'node:os';
import { round, writeResults } from './support';

const SECTIONS: Record<string, () => Promise<unknown>> = {
  http: () => import('./http.bench').then((m) => m.run()),
  peer: () => import('./peer.bench').then((m) => m.run()),
  timers: () => import('./timers.bench').then((m) => m.run()),
  replay: () => import('./replay.bench').then((m) => m.run()),
  quality: () => import('./quality-report.bench').then((m) => m.run()),
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const chosen = Object.keys(SECTIONS).filter((name) => !only || only.includes(name));
  const started = performance.now();
  const durations: Record<string, number> = {};
  for (const name of chosen) {
    const t = performance.now();
    console.log(`\n=== ${name} ===`);
    await SECTIONS[name]();
    durations[name] = round((performance.now() - t) / 1000, 1);
    console.log(`(${name}: ${durations[name]} s)`);
  }
  const total = round((performance.now() - started) / 1000, 1);
  writeResults('summary.json', {
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    sectionSeconds: durations,
    totalSeconds: total,
  });
  console.log(`\nAll sections in ${total} s: ${JSON.stringify(durations)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
