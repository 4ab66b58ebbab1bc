// The benchmark: runs each measurement of measurements.ts in a fresh Node process (so each peak memory
// figure is that measurement's alone), prints a table and writes it to docs/benchmarks.md with the machine
// it ran on. A measurement that misses its target is run once more under the sampling profiler, and the
// functions that take its time are listed with the table: a missed target comes with its reason.
// Each measurement is run several times, each in a process of its own, and the run of median time is the one
// shown, with the fastest and slowest beside it: one run on a busy machine can be a third slower than the next.
// Usage: node --import tsx bench/run.ts [--only name,name] [--runs N] [--profile] [--no-write]
//   --only     run some measurements (names as in measurements.ts); the report file is left alone
//   --runs     how many times each measurement is run (3 unless given)
//   --profile  profile every measurement run, not only those that miss their target
//   --no-write print the table without rewriting docs/benchmarks.md

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, MEASUREMENTS, type Measurement } from './measurements.ts';
import type { WorkerResult } from './worker.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const REPORT = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

interface Row {
  measurement: Measurement;
  /** The run of median time. */
  result: WorkerResult;
  /** Every run's time, fastest first. */
  times: number[];
  /** The run that reached the highest peak memory. */
  highest: WorkerResult;
  /** Self time by function of a further run under the profiler, one line per function. */
  profile: string[];
}

interface StepOutput {
  result: WorkerResult;
  lines: string[];
}

function step(kind: 'prepare' | 'run', name: string, workDir: string, profile: boolean): Promise<StepOutput> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', WORKER, kind, name, workDir, ...(profile && kind === 'run' ? ['--profile'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trimEnd().split('\n');
      const last = lines.pop() ?? '';
      if (code !== 0) return reject(new Error(`${name} ${kind} failed (exit code ${code})`));
      try {
        resolve({ result: JSON.parse(last) as WorkerResult, lines });
      } catch {
        reject(new Error(`${name} ${kind} gave no result`));
      }
    });
  });
}

const mb = (n: number | null) => (n === null ? '—' : `${Math.round(n).toLocaleString('en-GB')} MB`);
const time = (ms: number | null) => (ms === null ? '—' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);

/** What a measurement missed: its median time, or the highest peak memory of its runs. */
function missed(measurement: Measurement, result: WorkerResult, highestPeakMb: number): string[] {
  const target = measurement.target;
  if (!target || result.ms === null) return [];
  return [result.ms > target.ms ? 'time' : '', highestPeakMb > target.mb ? 'memory' : ''].filter(Boolean);
}

/** The run of median time (of an even number, the slower of the middle two); runs without a time are left out, and if none has one, the first run. */
function medianRun(runs: WorkerResult[]): WorkerResult {
  const timed = runs.filter((r) => r.ms !== null).sort((a, b) => a.ms! - b.ms!);
  return timed.length === 0 ? runs[0]! : timed[Math.floor(timed.length / 2)]!;
}

function verdict(row: Row): string {
  if (!row.measurement.target || row.result.ms === null) return '';
  const what = missed(row.measurement, row.result, row.highest.peakMb);
  return what.length === 0 ? 'met' : `missed (${what.join(' and ')})`;
}

function profiles(rows: Row[]): string {
  const profiled = rows.filter((r) => r.profile.length > 0);
  if (profiled.length === 0) return '';
  const sections = profiled.map(
    (r) => `### ${r.measurement.label}, ${r.measurement.size}\n\nSelf time by function, sampled on a further run under the profiler:\n\n\`\`\`\n${r.profile.join('\n')}\n\`\`\``,
  );
  const note =
    '`__name` and `set name`, where they appear, are the helper the TypeScript loader adds to keep the names of functions created at run time: their cost grows with the closures made in a hot loop.';
  return `\n## Where the time goes\n\n${note}\n\n${sections.join('\n\n')}\n`;
}

function table(rows: Row[]): string {
  const lines = [
    '| measurement | on | time (median) | fastest–slowest | peak memory (RSS, highest) | peak before the timed work | target | result | counts |',
    '| --- | --- | --: | --: | --: | --: | --- | --- | --- |',
  ];
  for (const row of rows) {
    const { measurement: m, result: r } = row;
    const counts = Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
      .join(', ');
    const spread = row.times.length > 1 ? `${time(row.times[0]!)}–${time(row.times[row.times.length - 1]!)}` : '—';
    lines.push(
      `| ${m.label} | ${m.size || '—'} | ${time(r.ms)} | ${spread} | ${mb(row.highest.peakMb)} | ${mb(row.highest.peakBeforeMb)} | ${m.target?.text ?? '—'} | ${verdict(row)} | ${counts} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpu = cpus();
  return [
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${Math.round(totalmem() / 1024 ** 3)} GB`,
    `- Node.js ${process.version} (${process.platform} ${process.arch}), TypeScript loaded through tsx`,
  ].join('\n');
}

function report(rows: Row[], runs: number): string {
  return `# Benchmarks

Written by \`node --import tsx bench/run.ts\`; run it again on your machine to compare. Each measurement runs
in a fresh Node process, so its peak resident memory (\`maxRSS\`) is its own; "peak before the timed work" is
what the process had reached when the timing started (the loader, the inputs read back), so the difference is
what the measured work itself needed; the first row is Node and the TypeScript loader alone. A process imports only
the code its own measurement uses, and sets the engine as \`bin/iro.mjs\` does (decision 18). ${
    runs === 1
      ? 'Each measurement is run once; the time is after loading.'
      : `Each measurement is run ${runs} times, each in a process of its own; the time is the median run's (after loading), with the fastest and slowest beside it, and the memory figures are those of the run that reached the highest peak. A target is met when the median time and the highest peak are within it.`
  }

The demo authority is generated with seed ${DEMO.seed}, ${DEMO.years} years of history and as-of date ${DEMO.asOf}.
Its records include the whole history of every child in care during those years, back to when they first came
into care, as a case system holds it. "Review schedule of every child" calls \`reviewSchedule()\` once per child
record with its episodes and held review dates, the inputs read from a file before the timing starts. The annual
reports read a register of the same authority with 7 years of history, so that the report for 2024-25 compares
all six earlier years (it compares only the years its records cover), with the report's copy of each child's
record stored, as loading the demo or an import leaves it (decision 12).

Targets: the review schedule of the 85,000-child authority (about the number of children looked after in
England) in under 2 s and under 1 GB; generating that authority well under a minute and in a few hundred MB.

## Machine
${machine()}

## Results
${table(rows)}
${profiles(rows)}
## Adding a measurement
Append an entry to \`MEASUREMENTS\` in \`bench/measurements.ts\` (database load, SSDA903 import, report
generation, ...): \`prepare\` makes inputs in its own process, \`run\` reads them and wraps only the measured work
in \`ctx.measure()\`. \`--only name\` runs one; \`--profile\` prints where the measured time goes.
`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
  const profile = args.includes('--profile');
  const runsAt = args.findIndex((a) => a === '--runs' || a.startsWith('--runs='));
  const runs = runsAt < 0 ? 3 : Number(args[runsAt]!.startsWith('--runs=') ? args[runsAt]!.slice('--runs='.length) : args[runsAt + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number from 1');
  const write = !args.includes('--no-write') && only === null;
  const chosen = MEASUREMENTS.filter((m) => only === null || only.has(m.name));
  if (chosen.length === 0) throw new Error(`no such measurement; choose from ${MEASUREMENTS.map((m) => m.name).join(', ')}`);

  const workDir = mkdtempSync(join(tmpdir(), 'iro-bench-'));
  const rows: Row[] = [];
  try {
    for (const measurement of chosen) {
      process.stdout.write(`${measurement.name}… `);
      if (measurement.prepare) await step('prepare', measurement.name, workDir, false);
      const all: WorkerResult[] = [];
      for (let i = 0; i < runs; i += 1) all.push((await step('run', measurement.name, workDir, false)).result);
      const result = medianRun(all);
      const times = all.flatMap((r) => (r.ms === null ? [] : [r.ms])).sort((a, b) => a - b);
      const highest = all.reduce((a, b) => (b.peakMb > a.peakMb ? b : a));
      console.log(`${time(result.ms)}${times.length > 1 ? ` (${time(times[0]!)}–${time(times[times.length - 1]!)})` : ''}, peak ${mb(highest.peakMb)}`);
      // The profiler slows the work it samples, so the figures above come from runs without it.
      const profiled = profile || missed(measurement, result, highest.peakMb).length > 0 ? (await step('run', measurement.name, workDir, true)).lines : [];
      if (profiled.length > 0) console.log(profiled.map((line) => `    ${line}`).join('\n'));
      rows.push({ measurement, result, times, highest, profile: profiled });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`\n${machine()}\n\n${table(rows)}`);
  if (write) {
    writeFileSync(REPORT, report(rows, runs));
    console.log(`\nWritten to docs/benchmarks.md`);
  }
}

await main();
