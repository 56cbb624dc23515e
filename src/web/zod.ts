import { z } from 'zod';

/**
 * The web app shares Zod schemas with the domain (matching rules). Zod probes `new Function` once
 * to decide whether to compile its parsers; under our strict CSP (no 'unsafe-eval') the probe is
 * refused and reported as a CSP violation even though Zod catches it. Jitless skips the probe.
 * Import this before any module that builds a schema.
 */
z.config({ jitless: true });
