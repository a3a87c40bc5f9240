/** Builds dist/ when missing or older than its sources (see ensure-built.js). */
export function ensureBuilt(what?: { web?: boolean }): Promise<void>;
