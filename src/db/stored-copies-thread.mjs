// The stored copies' thread's entry: a worker starts with no TypeScript loader, so it registers tsx for itself (as
// bin/iro.mjs does for the main thread) before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./stored-copies-thread.ts');
