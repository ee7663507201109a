import { zValidator } from '@hono/zod-validator'
import type { z } from 'zod'
import { invalidInput } from './apiError.ts'

/**
 * Validates the JSON body with a schema from `shared/` (`c.req.valid('json')` in the handler is
 * then typed); an invalid body → 400 `invalid_input` with each field's issue. A malformed body
 * is Hono's 400, answered in the same shape by the error handler.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
	return zValidator('json', schema, (result) => {
		if (!result.success) throw invalidInput(result.error)
	})
}

/** Validates the query string with a schema from `shared/` (`c.req.valid('query')` is then typed); invalid → 400 `invalid_input`. */
export function queryParams<S extends z.ZodType>(schema: S) {
	return zValidator('query', schema, (result) => {
		if (!result.success) throw invalidInput(result.error)
	})
}
