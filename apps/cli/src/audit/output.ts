import { SingleBar } from 'cli-progress';

/** Machine-readable output is one JSON object per line on stdout; people get plain lines. */
export function emit(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

/** Progress on stderr only, and only on a terminal (cli-progress stays silent otherwise). */
export function progressBar(
  enabled: boolean,
  label: string,
  total: number | null,
): { update(value: number): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} events | {eta_formatted} left`,
    hideCursor: true,
    etaBuffer: 50,
  });
  bar.start(total ?? 0, 0);
  return {
    update: (value) => {
      if (value > bar.getTotal()) bar.setTotal(value);
      bar.update(value);
    },
    stop: () => bar.stop(),
  };
}

/** Exit status: 0 all good, 2 the check found something (a break, a difference, an invalid digest). */
export const FOUND_PROBLEMS = 2;
