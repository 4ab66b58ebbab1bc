// How the JavaScript engine collects garbage in an IRO Desk process (decision 18): set once, when the process
// starts (bin/iro.mjs), before any report is built on it or on its report thread.

import { setFlagsFromString } from 'node:v8';

let settled = false;

/**
 * Turns off V8's allocation-site pretenuring. V8 watches where objects are made, and once most of those made in
 * one place outlive a young-generation collection it makes the rest there straight in the old generation, where
 * only a full collection frees them. A report counts the register a hundred children at a time (decision 16): the
 * records, review clocks and figures made for one chunk are all alive while it is counted, so V8 took those places
 * for long-lived and put every later chunk's records in the old generation too, where they piled up as garbage
 * between full collections. On the 85,000-child register that took the process from about 1.1 GB to 1.6 GB, and
 * the collector's extra work made the count slower, not faster. Objects that do live long (the register a report
 * reads, a server's caches) are copied once more before they reach the old generation, a small cost.
 *
 * The setting is the engine's, for the whole process and every thread in it; setting it again does nothing.
 */
export function settleGarbageCollection(): void {
  if (settled) return;
  setFlagsFromString('--no-allocation-site-pretenuring');
  settled = true;
}
