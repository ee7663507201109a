import type {
	CreateWorkshopInput,
	CreatedWorkshop,
	Handover,
	JoinCodeInfo,
	JoinInput,
	ParticipantView,
	RotatedLink,
	Session,
	WorkshopView,
} from '@mieruka/shared/workshop/workshopModel'

/** A refused API call: the HTTP status, the server's error code and, for bad input, each field's problem. */
export class ApiError extends Error {
	readonly status: number
	readonly code: string
	readonly issues: { path: string; code: string }[]
	constructor(status: number, code: string, issues: { path: string; code: string }[] = []) {
		super(`${status} ${code}`)
		this.status = status
		this.code = code
		this.issues = issues
	}
}

export async function call<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
	let response: Response
	const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
	try {
		response = await fetch(`/api${path}`, {
			method,
			headers: {
				// Every state-changing call says JSON, bodyless ones too (server/src/http/requestGuards.ts).
				...(method !== 'GET' && { 'content-type': 'application/json' }),
				...(init.token && { authorization: `Bearer ${init.token}` }),
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		})
	} catch {
		throw new ApiError(0, 'network')
	}
	if (response.status === 204) return undefined as T
	const body = (await response.json().catch(() => null)) as { error?: string; issues?: { path: string; code: string }[] } | null
	if (!response.ok) throw new ApiError(response.status, body?.error ?? 'unknown', body?.issues ?? [])
	return body as T
}

export const api = {
	createWorkshop: (input: CreateWorkshopInput, adminSecret?: string) =>
		call<CreatedWorkshop>('/workshops', { body: input, token: adminSecret || null }),
	joinCodeInfo: (code: string) => call<JoinCodeInfo>(`/join/${encodeURIComponent(code)}`),
	join: (input: JoinInput) => call<Session>('/join', { body: input }),
	/** This phone's session if it already joined with a code's workshop; `404 not_joined` otherwise. */
	resume: (input: { code: string; deviceSecret: string }) => call<Session>('/join/resume', { body: input }),
	/** A new phone takes over a participant with the code from the facilitator's hand-over link. */
	handover: (input: { code: string; deviceSecret: string }) => call<Session>('/handover', { body: input }),
	me: (token: string) => call<Session>('/me', { token }),
	workshop: (id: string, token: string) => call<WorkshopView>(`/workshops/${encodeURIComponent(id)}`, { token }),
	updateParticipant: (
		workshopId: string,
		participantId: string,
		change: { name?: string; role?: string; companyId?: string | null; admit?: true },
		token: string
	) =>
		call<ParticipantView>(`/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}`, {
			method: 'PATCH',
			body: change,
			token,
		}),
	handoverLink: (workshopId: string, participantId: string, token: string) =>
		call<Handover>(`/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}/handover`, { method: 'POST', token }),
	rotateCodes: (workshopId: string, token: string) => call<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}/codes/rotate`, { method: 'POST', token }),
	closeWorkshop: (workshopId: string, token: string) => call<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}/close`, { method: 'POST', token }),
	rotateLink: (workshopId: string, kind: 'facilitator' | 'projector', token: string) =>
		call<RotatedLink>(`/workshops/${encodeURIComponent(workshopId)}/links/${kind}/rotate`, { method: 'POST', token }),
	revokeParticipant: (workshopId: string, participantId: string, token: string) =>
		call<void>(`/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}`, {
			method: 'DELETE',
			token,
		}),
}
