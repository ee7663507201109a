import { getAgenda, readRoom, writeRoom, type SessionCards, type TimerState } from '@mieruka/shared/workshop/controlDoc'
import type { SessionCardsInput, TimerActionInput } from '@mieruka/shared/workshop/consoleModel'
import { DEFAULT_SESSION_CARDS, previousRoomSession, type RoomSession } from '@mieruka/shared/workshop/sessions'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type * as Y from 'yjs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { requireFacilitator } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import { inDoc } from './docTransaction.ts'

/**
 * The facilitator's room: which session runs and which card is up (goal card at the start, the
 * next-time card at the end, brief §2.3), the session cards' texts, the countdown timer, summon,
 * spotlight and the presenter token. Each action is the facilitator's only and writes one value of
 * the control document's `room` map (controlDoc.ts).
 */
export class RoomControls {
	private readonly deps: ConsoleDeps

	constructor(deps: ConsoleDeps) {
		this.deps = deps
	}

	private change<T>(principal: Principal, decide: (doc: Y.Doc, now: number) => T): Promise<T> {
		requireFacilitator(principal)
		const now = this.deps.now()
		return inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => decide(doc, now))
	}

	/** Start: the session runs and its goal card (with last session's next-time card) goes up. Close: its next-time card goes up. */
	sessionAction(principal: Principal, code: RoomSession, action: 'start' | 'close') {
		return this.change(principal, (doc, now) => {
			const current = readRoom(doc, 'session')
			if (action === 'start') {
				ensureCards(doc, code, now)
				const previous = previousRoomSession(code)
				if (previous) ensureCards(doc, previous, now)
				writeRoom(doc, 'session', { code, phase: 'running', startedAt: now, closedAt: null })
				writeRoom(doc, 'card', { kind: 'goal', sessionCode: code, shownAt: now })
			} else {
				ensureCards(doc, code, now)
				const startedAt = current?.code === code ? current.startedAt : now
				writeRoom(doc, 'session', { code, phase: 'closing', startedAt, closedAt: now })
				writeRoom(doc, 'card', { kind: 'nextTime', sessionCode: code, shownAt: now })
			}
			return readRoom(doc, 'session')
		})
	}

	showCard(principal: Principal, card: { kind: 'goal' | 'nextTime'; sessionCode: RoomSession } | null) {
		return this.change(principal, (doc, now) => {
			if (card) {
				ensureCards(doc, card.sessionCode, now)
				const previous = previousRoomSession(card.sessionCode)
				if (card.kind === 'goal' && previous) ensureCards(doc, previous, now)
			}
			writeRoom(doc, 'card', card ? { ...card, shownAt: now } : null)
			return readRoom(doc, 'card')
		})
	}

	setSessionCards(principal: Principal, code: RoomSession, cards: SessionCardsInput): Promise<SessionCards> {
		return this.change(principal, (doc, now) => {
			const value: SessionCards = { goal: cards.goal, nextTime: cards.nextTime, updatedAt: now }
			getAgenda(doc).set(code, value)
			return value
		})
	}

	timer(principal: Principal, input: TimerActionInput): Promise<TimerState | null> {
		return this.change(principal, (doc, now) => {
			const current = readRoom(doc, 'timer')
			const next = nextTimer(current, input, now)
			writeRoom(doc, 'timer', next)
			return next
		})
	}

	summon(principal: Principal, on: boolean) {
		return this.change(principal, (doc, now) => {
			writeRoom(doc, 'summon', on ? { facilitatorId: principal.participantId, since: now } : null)
			return readRoom(doc, 'summon')
		})
	}

	/** The projector's join-code overlay (QR code and lobby code), on or off from the console. */
	joinCodeOverlay(principal: Principal, on: boolean) {
		return this.change(principal, (doc, now) => {
			writeRoom(doc, 'joinCode', on ? { since: now } : null)
			return readRoom(doc, 'joinCode')
		})
	}

	async spotlight(principal: Principal, companyId: string | null) {
		requireFacilitator(principal)
		if (companyId !== null) await this.requireCompany(principal.workshopId, companyId)
		return this.change(principal, (doc, now) => {
			writeRoom(doc, 'spotlight', companyId === null ? null : { companyId, since: now })
			return readRoom(doc, 'spotlight')
		})
	}

	/** Hands the presenter token to a bank officer for a company's presentation, with its timebox. */
	async presenter(principal: Principal, presenter: { participantId: string; companyId: string; minutes: number } | null) {
		requireFacilitator(principal)
		if (presenter) {
			const person = await this.deps.repository.getParticipant(presenter.participantId)
			if (!person || person.workshopId !== principal.workshopId || person.revokedAt !== null) throw new ConsoleError(404, 'unknown_participant')
			if (person.role !== 'BANK_OFFICER') throw new ConsoleError(400, 'presenter_must_be_officer')
			await this.requireCompany(principal.workshopId, presenter.companyId)
		}
		return this.change(principal, (doc, now) => {
			writeRoom(doc, 'presenter', presenter ? { ...presenter, startedAt: now, endsAt: now + presenter.minutes * 60_000 } : null)
			return readRoom(doc, 'presenter')
		})
	}

	private async requireCompany(workshopId: string, companyId: string): Promise<void> {
		if (!(await this.deps.repository.listCompanies(workshopId)).some((company) => company.id === companyId)) {
			throw new ConsoleError(400, 'unknown_company')
		}
	}
}

/** A session's cards are written into the agenda (from the defaults) before they are shown, so every reader sees the same text. */
function ensureCards(doc: Y.Doc, code: RoomSession, now: number): void {
	const agenda = getAgenda(doc)
	if (!agenda.has(code)) agenda.set(code, { ...DEFAULT_SESSION_CARDS[code], updatedAt: now })
}

/** The timer after an action; refuses actions that need a timer when there is none. */
export function nextTimer(current: TimerState | null, input: TimerActionInput, now: number): TimerState | null {
	if (input.action === 'start') {
		const durationMs = input.seconds * 1000
		return { label: input.label ?? '', durationMs, endsAt: now + durationMs, remainingMs: null, setAt: now }
	}
	if (input.action === 'stop') return null
	if (!current) throw new ConsoleError(409, 'no_timer')
	switch (input.action) {
		case 'pause':
			if (current.endsAt === null) return current
			return { ...current, endsAt: null, remainingMs: Math.max(0, current.endsAt - now), setAt: now }
		case 'resume':
			if (current.remainingMs === null) return current
			return { ...current, endsAt: now + current.remainingMs, remainingMs: null, setAt: now }
		case 'add': {
			const ms = input.seconds * 1000
			if (current.remainingMs !== null) return { ...current, durationMs: current.durationMs + ms, remainingMs: current.remainingMs + ms, setAt: now }
			const endsAt = Math.max(current.endsAt ?? now, now) + ms
			return { ...current, durationMs: current.durationMs + ms, endsAt, setAt: now }
		}
	}
}
