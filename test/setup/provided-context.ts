// What the global setups hand to tests through vitest's provide/inject.
// Files that call inject() import this for its types.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL cluster, or null when it is not installed (never under CI). */
    pgUrl: string | null;
    /** URL of the test Redis, or null when Redis is not installed (never under CI). */
    redisUrl: string | null;
    /** Path of Debian's Chromium, or null when it is not installed (never under CI). */
    chromiumPath: string | null;
  }
}

export {};
