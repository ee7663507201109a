import { z } from 'zod'

/**
 * Zod compiles fast object parsers with `new Function` when the page allows it, and probes for
 * that by trying once; under the app's Content-Security-Policy (no 'unsafe-eval') the probe is a
 * reported violation. The browser calls this before anything parses, so zod never tries.
 */
export function disableZodCodeGeneration(): void {
	z.config({ jitless: true })
}
