// The report's stored copies held in blocks: read back as added, and, read in order to be counted once, each block
// let go once a copy in a later block is read, so a national-sized register's copies are not all held to the end.

import { describe, expect, it } from 'vitest';
import { Copies } from '../../src/db/report-copies.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('the blocks of stored copies', () => {
  it('gives back each copy as added, across blocks', () => {
    const copies = new Copies(8);
    const numbers = [bytes(1, 2, 3), bytes(4, 5, 6), bytes(7, 8, 9), bytes(10), bytes(...Array.from({ length: 20 }, (_, i) => i))];
    numbers.forEach((value, n) => expect(copies.add(value)).toBe(n));
    numbers.forEach((value, n) => expect([...copies.get(n)]).toEqual([...value]));
    // Two copies of three bytes to a block of eight, and one larger than a block in a block of its own.
    expect(copies.blocksHeld).toBe(3);
  });

  it('lets go of each block once a copy in a later one is taken, and of the last when told', () => {
    const copies = new Copies(8);
    for (let n = 0; n < 6; n += 1) copies.add(bytes(n, n, n));
    expect([...copies.take(0)]).toEqual([0, 0, 0]);
    expect([...copies.take(1)]).toEqual([1, 1, 1]);
    expect(copies.blocksHeld).toBe(3);
    expect([...copies.take(2)]).toEqual([2, 2, 2]);
    // The first block is let go; the second, being read, is kept.
    expect(copies.blocksHeld).toBe(2);
    expect(() => copies.get(1)).toThrow(/after its block was let go/);
    expect([...copies.take(3)]).toEqual([3, 3, 3]);
    expect([...copies.take(5)]).toEqual([5, 5, 5]);
    expect(copies.blocksHeld).toBe(1);
    copies.releaseAll();
    expect(copies.blocksHeld).toBe(0);
    expect(() => copies.get(5)).toThrow(/after its block was let go/);
  });
});
