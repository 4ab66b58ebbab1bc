// Service-wide figures (the dashboard) read the whole register, so each app server keeps the last result
// for a short time and everyone asking in that time shares it; the page says when the figures were worked out.

export interface Timed<T> {
  value: T;
  /** When the figures were worked out (ISO timestamp). */
  computedAt: string;
}

export interface SharedFigures<T> {
  (key: string): Promise<Timed<T>>;
  /** Forgets every result: after a change on this server, the next request works the figures out again. */
  clear(): void;
}

export function sharedFigures<T>(ttlMs: number, compute: (key: string) => Promise<T>): SharedFigures<T> {
  const entries = new Map<string, { expires: number; result: Promise<Timed<T>> }>();
  const get = (key: string) => {
    const now = Date.now();
    const entry = entries.get(key);
    if (entry && entry.expires > now) return entry.result;
    // Requests arriving while the figures are worked out wait for the same result rather than starting again.
    const result = compute(key).then((value) => ({ value, computedAt: new Date().toISOString() }));
    entries.set(key, { expires: now + ttlMs, result });
    result.catch(() => entries.delete(key));
    if (entries.size > 100) for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
    return result;
  };
  return Object.assign(get, { clear: () => entries.clear() });
}
