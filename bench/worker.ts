// One benchmark step in a process of its own: `prepare` or `run` of one measurement. The last line it prints
// is a JSON result the runner reads: the time of the measured work, the process's peak resident memory
// (maxRSS) and the peak reached before the measured work started, so a reader can see what the loaded
// inputs cost and what the work added.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Session } from 'node:inspector/promises';
import { getHeapStatistics } from 'node:v8';
import { MEASUREMENTS, type BenchContext } from './measurements.ts';
import { settleGarbageCollection } from '../src/app/garbage-collection.ts';

export interface WorkerResult {
  ms: number | null;
  peakMb: number;
  peakBeforeMb: number | null;
  counts: Record<string, number>;
}

/** Set in the environment of a step run again with the heap its measurement asks for. */
const HEAP_SET = 'IRO_BENCH_HEAP_SET';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function profiled<T>(work: () => T | Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  // Self time by function, the top of the list.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples ?? []) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    // Line numbers would be those of the transpiled code, so the file alone is shown.
    const where = frame.url ? `(${frame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')})` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
    total += 1;
  }
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
  return result;
}

/**
 * Runs this step again in a Node with the heap the measurement asks for, passing its output through: the
 * figures printed are that process's own.
 */
async function withHeap(heapMb: number): Promise<void> {
  // The heap asked for replaces one given to this process (the last flag would win), and the step runs again only
  // once: a limit that V8 reports below the one asked for must not start a process after process.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--max-old-space-size'));
  const child = spawn(process.execPath, [...execArgv, `--max-old-space-size=${heapMb}`, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [HEAP_SET]: '1' },
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  process.exitCode = code ?? 1;
}

async function main(): Promise<void> {
  // As bin/iro.mjs does for every command and the server: the engine collects garbage as it does there.
  settleGarbageCollection();
  const [step, name, workDir, flag] = process.argv.slice(2);
  const measurement = MEASUREMENTS.find((m) => m.name === name);
  if (!measurement || (step !== 'prepare' && step !== 'run') || !workDir) {
    throw new Error(`usage: worker.ts prepare|run <measurement> <work folder> [--profile]`);
  }
  if (measurement.heapMb !== undefined && process.env[HEAP_SET] === undefined && getHeapStatistics().heap_size_limit < measurement.heapMb * 1024 * 1024) {
    return withHeap(measurement.heapMb);
  }
  let ms: number | null = null;
  let peakBeforeMb: number | null = null;
  const ctx: BenchContext = {
    workDir,
    async measure(work) {
      peakBeforeMb = peakMb();
      const started = performance.now();
      const result = flag === '--profile' ? await profiled(work) : await work();
      ms = performance.now() - started;
      return result;
    },
  };
  let counts: Record<string, number> = {};
  if (step === 'prepare') await measurement.prepare?.(ctx);
  else counts = await measurement.run(ctx);
  const result: WorkerResult = { ms, peakMb: peakMb(), peakBeforeMb, counts };
  console.log(JSON.stringify(result));
}

await main();
