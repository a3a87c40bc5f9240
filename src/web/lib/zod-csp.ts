import { config } from 'zod/v4/core';

/*
 * The site's Content-Security-Policy has no 'unsafe-eval'. Zod 4 probes for `new Function` when it builds an object
 * schema, and the browser reports that probe as a CSP violation even though zod catches it and parses without eval.
 * Zod's interpreter is fast enough for what the browser parses (the chat room's frames), so it is told not to probe.
 * This must run before any schema is built: the entry imports this module first.
 */
config({ jitless: true });
