import type { ApiRoutes } from '@mieruka/server/api'
import type { CreateWorkshopInput, HandoverInput, JoinInput, UpdateParticipantInput } from '@mieruka/shared/workshop/workshopModel'
import { hc, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'

/**
 * The one way the client calls the JSON API: Hono's typed client over the server's own route
 * types (`ApiRoutes`, server/src/app.ts). Paths, path parameters, request bodies (the zod schemas
 * in shared/) and answers are all checked by the compiler against the server's handlers, so there
 * is no route list or cast to keep in step by hand. See client/README.md, "Calling the API".
 *
 *   const session = await answer(apiClient(token).me.$get())
 */

/** One invalid field of a refused request: its path (`companies.0.name`) and a code the UI translates. */
export interface InputIssue {
	path: string
	code: string
}

/**
 * A refused API call, in the server's one error shape (server/src/http/apiError.ts): the HTTP
 * status (0: the network failed), the error code (`errors.<code>` in the i18n catalogues), the
 * server's detail if any, and for bad input each field's problem. ui/errorText.ts turns it into a sentence.
 */
export class ApiError extends Error {
	readonly status: number
	readonly code: string
	readonly issues: InputIssue[]
	readonly detail: string | null
	constructor(status: number, code: string, issues: InputIssue[] = [], detail: string | null = null) {
		super(`${status} ${code}`)
		this.status = status
		this.code = code
		this.issues = issues
		this.detail = detail
	}
}

/** The ApiError a non-2xx response stands for (its body, when it is the server's error shape). */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
	const body: unknown = await response.json().catch(() => null)
	const shape = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
	const code = typeof shape.error === 'string' ? shape.error : 'unknown'
	const issues = Array.isArray(shape.issues)
		? shape.issues.filter((issue): issue is InputIssue => typeof issue?.path === 'string' && typeof issue?.code === 'string')
		: []
	return new ApiError(response.status, code, issues, typeof shape.message === 'string' ? shape.message : null)
}

/**
 * fetch for the typed client: every state-changing call says JSON, bodyless ones too
 * (server/src/http/requestGuards.ts), and a failed network is `ApiError(0, 'network')`.
 */
async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers)
	if (init.method && init.method !== 'GET' && !headers.has('content-type')) headers.set('content-type', 'application/json')
	try {
		return await fetch(input, { ...init, headers })
	} catch {
		throw new ApiError(0, 'network')
	}
}

/** The typed client, with the bearer token (a participant's, or the admin secret) when given. */
export function apiClient(token?: string | null) {
	return hc<ApiRoutes>('/api', { fetch: apiFetch, headers: token ? { authorization: `Bearer ${token}` } : {} })
}

/**
 * Path parameters for the typed client, URI-encoded (Hono's client puts them in the path as given).
 * Every call passes its parameters through here.
 */
export function pathParams<P extends Record<string, string>>(values: P): P {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)])) as P
}

/** What a route answers on success: its JSON for a `c.json` route, nothing for a 204. */
export type SuccessBody<R> =
	R extends ClientResponse<infer Body, infer Status, infer Format>
		? Status extends SuccessStatusCode
			? Format extends 'json'
				? Body
				: undefined
			: never
		: never

/** Awaits a typed call: its answer on success, otherwise throws the ApiError the response stands for. */
export async function answer<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<SuccessBody<R>> {
	const response = await call
	if (!response.ok) throw await apiErrorFrom(response)
	if (response.status === 204) return undefined as SuccessBody<R>
	return (await response.json()) as SuccessBody<R>
}

/** A typed call whose answer is a file (report exports): the response, or the ApiError it stands for. */
export async function fileAnswer(call: Promise<ClientResponse<unknown, number, string>>): Promise<Response> {
	const response = await call
	if (!response.ok) throw await apiErrorFrom(response)
	return response as unknown as Response
}

/** The workshop and join calls the pages make (server/src/workshops/workshopRoutes.ts). */
export const api = {
	createWorkshop: (input: CreateWorkshopInput, adminSecret?: string) => answer(apiClient(adminSecret || null).workshops.$post({ json: input })),
	joinCodeInfo: (code: string) => answer(apiClient().join[':code'].$get({ param: pathParams({ code }) })),
	join: (input: JoinInput) => answer(apiClient().join.$post({ json: input })),
	/** This phone's session if it already joined with a code's workshop; `404 not_joined` otherwise. */
	resume: (input: HandoverInput) => answer(apiClient().join.resume.$post({ json: input })),
	/** A new phone takes over a participant with the code from the facilitator's hand-over link. */
	handover: (input: HandoverInput) => answer(apiClient().handover.$post({ json: input })),
	me: (token: string) => answer(apiClient(token).me.$get()),
	workshop: (id: string, token: string) => answer(apiClient(token).workshops[':id'].$get({ param: pathParams({ id }) })),
	updateParticipant: (workshopId: string, participantId: string, change: UpdateParticipantInput, token: string) =>
		answer(apiClient(token).workshops[':id'].participants[':participantId'].$patch({ param: pathParams({ id: workshopId, participantId }), json: change })),
	handoverLink: (workshopId: string, participantId: string, token: string) =>
		answer(apiClient(token).workshops[':id'].participants[':participantId'].handover.$post({ param: pathParams({ id: workshopId, participantId }) })),
	rotateCodes: (workshopId: string, token: string) => answer(apiClient(token).workshops[':id'].codes.rotate.$post({ param: pathParams({ id: workshopId }) })),
	closeWorkshop: (workshopId: string, token: string) => answer(apiClient(token).workshops[':id'].close.$post({ param: pathParams({ id: workshopId }) })),
	rotateLink: (workshopId: string, kind: 'facilitator' | 'projector', token: string) =>
		answer(apiClient(token).workshops[':id'].links[':kind'].rotate.$post({ param: pathParams({ id: workshopId, kind }) })),
	revokeParticipant: (workshopId: string, participantId: string, token: string) =>
		answer(apiClient(token).workshops[':id'].participants[':participantId'].$delete({ param: pathParams({ id: workshopId, participantId }) })),
}
