// Seeded pseudo-random numbers for the demo authority. The same seed gives the same numbers on every
// machine and Node version, so a demo register (and every figure in it) can be reproduced exactly.
// xoshiro128** (Blackman and Vigna) keeps its state in four 32-bit integers: fast, no allocation per
// draw, and good enough statistically for synthetic data. Seeds are spread by splitmix32 so that
// neighbouring seeds and streams give unrelated sequences.

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** A 32-bit hash of a seed (any safe integer) and a stream name, for independent sequences. */
export function mixSeed(seed: number, stream: string | number): number {
  let h = (seed | 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x27d4eb2d);
  const text = String(stream);
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return splitmix32(h)[1];
}

export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number, stream: string | number = 0) {
    this.reseed(mixSeed(seed, stream));
  }

  /** Restarts the sequence from a 32-bit seed: cheaper than a new object for each child. */
  reseed(seed32: number): void {
    let s = seed32 | 0;
    [s, this.a] = splitmix32(s);
    [s, this.b] = splitmix32(s);
    [s, this.c] = splitmix32(s);
    [, this.d] = splitmix32(s);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined && items.length === 0) throw new RangeError('cannot pick from an empty list');
    return item as T;
  }

  /** A standard normal deviate (Box–Muller; one of the pair is dropped to keep the state simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal deviate with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A fixed table of outcomes with weights (need not sum to 1), sampled by binary search over the
 * cumulative weights. Built once at module load, so sampling allocates nothing.
 */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new RangeError('a weighted table needs at least one positive weight');
    this.values = kept.map(([v]) => v);
    this.cumulative = new Float64Array(kept.length);
    let total = 0;
    kept.forEach(([, w], i) => {
      total += w;
      this.cumulative[i] = total;
    });
    for (let i = 0; i < kept.length; i += 1) this.cumulative[i]! /= total;
  }

  sample(random: Random): T {
    const u = random.next();
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < this.cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }

  /** The share of one outcome, for tests and calibration. */
  share(value: T): number {
    let previous = 0;
    for (let i = 0; i < this.values.length; i += 1) {
      const c = this.cumulative[i]!;
      if (this.values[i] === value) return c - previous;
      previous = c;
    }
    return 0;
  }
}
