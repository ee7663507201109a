import { validator } from 'hono-openapi'
import type { z } from 'zod'
import { invalidInput } from './apiError.ts'

/**
 * Request validation from the schemas in `shared/`, with hono-openapi's validator (Hono's
 * standard-schema validator that also records the schema for the OpenAPI reference at
 * `/api/docs`, server/src/http/apiDocs.ts). In the handler `c.req.valid(…)` is then typed, and the
 * typed client (client/src/api/apiClient.ts) sees the same input type.
 */

/**
 * Validates the JSON body; an invalid body → 400 `invalid_input` with each field's issue. A
 * malformed body is Hono's 400, answered in the same shape by the error handler.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
	return validator('json', schema, (result) => {
		if (!result.success) throw invalidInput(result.error)
	})
}

/** Validates the query string; invalid → 400 `invalid_input`. */
export function queryParams<S extends z.ZodType>(schema: S) {
	return validator('query', schema, (result) => {
		if (!result.success) throw invalidInput(result.error)
	})
}
