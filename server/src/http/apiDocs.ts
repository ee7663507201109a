import type { Hono } from 'hono'
import { openAPIRouteHandler } from 'hono-openapi'
import { SERVER_VERSION } from '../version.ts'

/**
 * `GET /api/docs` — the API reference as an OpenAPI 3.1 document, generated from the routes
 * themselves: every path and method of `/api`, and for each validated request the JSON schema of
 * its zod schema in `shared/` (the same validator that checks it, server/src/http/validation.ts).
 * Answers follow one error shape (server/docs/api.md); no interactive page is served (it would need
 * scripts the CSP does not allow, server/src/http/securityHeaders.ts).
 */
/** The one error shape (`ErrorBody`, apiError.ts) as JSON schema. */
const errorBodySchema = {
	type: 'object' as const,
	properties: {
		error: { type: 'string' as const, description: 'A code the client translates (errors.<code> in its i18n catalogues).' },
		message: { type: 'string' as const },
		issues: {
			type: 'array' as const,
			items: { type: 'object' as const, properties: { path: { type: 'string' as const }, code: { type: 'string' as const } }, required: ['path', 'code'] },
		},
	},
	required: ['error'],
}

export function apiDocs(api: Hono) {
	return openAPIRouteHandler(api, {
		documentation: {
			openapi: '3.1.0',
			info: {
				title: 'mieruka API',
				version: SERVER_VERSION,
				description:
					'The JSON API of the mieruka server, under /api. Refusals answer { error, message?, issues? }; see server/docs/api.md for the routes, roles and error codes.',
			},
			servers: [{ url: '/api' }],
			components: {
				schemas: { Error: errorBodySchema },
				securitySchemes: {
					bearer: { type: 'http', scheme: 'bearer', description: "A participant's token (or, for POST /workshops, the admin secret)." },
				},
			},
			security: [{ bearer: [] }],
		},
		includeEmptyPaths: true,
		defaultValidationErrorResponse: {
			description: 'Invalid input: `invalid_input` with each field in `issues`',
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
		},
		exclude: [/\*$/],
	})
}
