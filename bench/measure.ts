import { spawnSync } from "node:child_process";

/** Median wall time of `runs` calls, in milliseconds, after `warmup` untimed calls. */
export function medianMs(run: () => void, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Median wall time of a command run as a separate process. */
export function commandMedianMs(command: string, args: string[], runs: number): number {
  return medianMs(
    () => {
      const result = spawnSync(command, args, { encoding: "utf8" });
      if (result.status !== 0)
        throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
    },
    runs,
    1,
  );
}

export function line(label: string, value: string, note = ""): string {
  return `${label.padEnd(44)} ${value.padStart(12)}  ${note}`;
}
