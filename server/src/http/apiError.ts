import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { errorMessage, type Logger } from '../log.ts'

/** One invalid field of a request: its path (`companies.0.name`) and a code the UI translates. */
export interface InputIssue {
	path: string
	code: string
}

/**
 * The one shape of every API error: a code the client translates (`errors.<code>`), an optional
 * human-readable detail, and for invalid input each field's problem.
 */
export interface ErrorBody {
	error: string
	message?: string
	issues?: InputIssue[]
}

/** A refused request: thrown anywhere in a handler or middleware, answered by `apiErrorHandler`. */
export class ApiError extends HTTPException {
	readonly code: string
	readonly issues: InputIssue[] | undefined
	readonly detail: string | undefined
	constructor(status: ContentfulStatusCode, code: string, options: { message?: string; issues?: InputIssue[] } = {}) {
		super(status, { message: options.message ?? code })
		this.code = code
		this.issues = options.issues
		this.detail = options.message
	}
}

/** The 400 answer naming each invalid field and why (the schemas' messages are the codes the UI translates). */
export function invalidInput(issues: readonly StandardSchemaV1.Issue[]): ApiError {
	return new ApiError(400, 'invalid_input', {
		issues: issues.map((issue) => ({
			path: (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.'),
			code: issue.message,
		})),
	})
}

/** Codes for HTTPExceptions thrown by Hono itself or its middleware (csrf, validator, body limit). */
const CODE_BY_STATUS: Partial<Record<number, string>> = {
	400: 'invalid_input',
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	413: 'too_large',
	415: 'unsupported_media_type',
}

export function errorResponse(c: Context, status: ContentfulStatusCode, body: ErrorBody): Response {
	return c.json(body, status)
}

/**
 * `app.onError`: an ApiError as it says; another HTTPException (Hono's csrf, validator, …) by its
 * status; a router's own refusal (`translate`) as the ApiError it stands for; anything else is a
 * bug → logged, and a 500 that tells the client nothing more than `internal`.
 */
export function apiErrorHandler(log: Logger, translate: (error: Error) => ApiError | null): ErrorHandler {
	return (error, c) => {
		const known = error instanceof ApiError ? error : translate(error)
		if (known) {
			const body: ErrorBody = { error: known.code }
			if (known.detail !== undefined) body.message = known.detail
			if (known.issues !== undefined) body.issues = known.issues
			return errorResponse(c, known.status as ContentfulStatusCode, body)
		}
		if (error instanceof HTTPException) {
			const status = error.status as ContentfulStatusCode
			const body: ErrorBody = { error: CODE_BY_STATUS[status] ?? `http_${status}` }
			// Hono's own messages (for example "Malformed JSON in request body") are safe to pass on.
			if (error.message && !error.res) body.message = error.message
			if (status === 400) body.issues = [{ path: '', code: 'invalid_json' }]
			return errorResponse(c, status, body)
		}
		log.error('http.unhandled_error', { method: c.req.method, path: c.req.path, reason: errorMessage(error), stack: error.stack })
		return errorResponse(c, 500, { error: 'internal' })
	}
}

/** `app.notFound`: the same shape for an unknown API path. */
export const notFoundHandler: NotFoundHandler = (c) => errorResponse(c, 404, { error: 'not_found' })
