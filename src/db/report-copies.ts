// The report's stored copies (decision 12) held in memory while a report is made: one after another in blocks of a
// few megabytes, and, for an input counted once, let go block by block as the children are counted.

/**
 * The stored copies read, one after another in blocks of a few megabytes, each found by its block and where it
 * starts. Blocks, rather than one block grown as copies come, so no byte is copied twice and no room is kept spare.
 */
export class Copies {
  private readonly blocks: Uint8Array<ArrayBuffer>[] = [];
  private block = new Uint8Array(0);
  private used = 0;
  /** For each copy: its block, where it starts and where it ends. */
  private readonly where: number[] = [];
  /** The first block not yet let go. */
  private kept = 0;

  constructor(private readonly blockBytes = 4 << 20) {}

  /** Copies read on another thread, from what it sent (see parts()). */
  static from(parts: CopiesParts): Copies {
    const copies = new Copies();
    for (const block of parts.blocks) copies.blocks.push(block);
    for (const n of parts.where) copies.where.push(n);
    return copies;
  }

  /**
   * What another thread needs to hold these copies: the blocks, each the whole of its own memory so that it can be
   * moved rather than copied, and where each copy is. This one is not to be used after.
   */
  parts(): CopiesParts {
    return { blocks: this.blocks, where: this.where };
  }

  /** Keeps a copy of the value; returns its number. */
  add(value: Uint8Array): number {
    if (this.used + value.length > this.block.length) {
      this.block = new Uint8Array(Math.max(this.blockBytes, value.length));
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block.set(value, this.used);
    this.where.push(this.blocks.length - 1, this.used, this.used + value.length);
    this.used += value.length;
    return this.where.length / 3 - 1;
  }

  get(n: number): Uint8Array {
    const block = this.blocks[this.where[n * 3]!]!;
    if (block === RELEASED) throw new Error(`a stored copy was read after its block was let go (copy ${n})`);
    return block.subarray(this.where[n * 3 + 1]!, this.where[n * 3 + 2]!);
  }

  /**
   * Copy `n`, read in order of number: every block before its block is let go, as no copy in it will be read again.
   * Copies are added in order, so their blocks only ever go up.
   */
  take(n: number): Uint8Array {
    const block = this.where[n * 3]!;
    for (let b = this.kept; b < block; b += 1) this.blocks[b] = RELEASED;
    if (block > this.kept) this.kept = block;
    return this.get(n);
  }

  /** Lets go of every block: the last copy has been taken. */
  releaseAll(): void {
    for (let b = this.kept; b < this.blocks.length; b += 1) this.blocks[b] = RELEASED;
    this.kept = this.blocks.length;
  }

  /** How many blocks are still held. */
  get blocksHeld(): number {
    return this.blocks.length - this.kept;
  }
}

/** The copies as sent between threads: see Copies.parts(). */
export interface CopiesParts {
  blocks: Uint8Array<ArrayBuffer>[];
  /** For each copy: its block, where it starts and where it ends. */
  where: number[];
}

/** What stands for a block let go of. */
const RELEASED = new Uint8Array(0);
