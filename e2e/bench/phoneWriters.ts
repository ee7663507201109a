import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import type { ServerProcess } from '@mieruka/server/testing'
import { addCompanyNote, deleteCompanyNote } from '../../client/src/phone/companyNotes.ts'
import { joinCompany } from '../support/workshop.ts'

/**
 * The room's phones for bench:board: real members of the workshop, each joined through the API
 * with its company's member code (a real token, a COMPANY_MEMBER of that company), each with a real
 * y-websocket client on the board document that writes notes with the phone page's own function
 * (client/src/phone/companyNotes.ts `addCompanyNote`: the next free slot of the company's frame,
 * shared/src/notes/notePlacement.ts), so every note passes the server's board policy exactly as a
 * phone's does. Node's own WebSocket carries the token as the phone's does (`mieruka, <token>`).
 */
export interface Phone {
	session: Session
	doc: Y.Doc
	records: BoardRecords
	provider: WebsocketProvider
	/** The notes this phone added and has not deleted yet. */
	added: string[]
}

export interface PhoneRoom {
	phones: readonly Phone[]
	/**
	 * Every phone adds a note every `everyMs`, the phones staggered evenly (20 phones every 60 s = a
	 * note on the board every 3 s). Returns a stop function that resolves to the number of notes added.
	 */
	startWriting(everyMs: number): () => number
	/** Each phone deletes the notes it added (as the phone page's delete button does). */
	deleteAdded(): number
	close(): void
}

const PHONE_TEXTS = [
	'段取り替えを30分で済ませる',
	'図面だけで見積を出せる',
	'検査記録を10年分残している',
	'若手が治具を自作する',
	'地元の高専と共同研究',
	'納期回答を当日に返す',
]

function whenSynced(provider: WebsocketProvider, timeoutMs = 20_000): Promise<void> {
	if (provider.synced) return Promise.resolve()
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('a phone did not sync with the board')), timeoutMs)
		provider.on('sync', (synced: boolean) => {
			if (!synced) return
			clearTimeout(timer)
			resolve()
		})
	})
}

export async function joinPhones(server: ServerProcess, workshop: CreatedWorkshop, count: number): Promise<PhoneRoom> {
	// Each provider listens for the process's exit: one listener per phone is expected, not a leak.
	process.setMaxListeners(process.getMaxListeners() + count)
	const phones: Phone[] = []
	for (let i = 0; i < count; i++) {
		const company = workshop.companies[i % workshop.companies.length]!
		const session = await joinCompany(server, workshop, company.id, 'member', `社員${i + 1}`)
		const doc = new Y.Doc()
		const provider = new WebsocketProvider(server.syncUrl, session.docs.board, doc, { protocols: ['mieruka', session.token], disableBc: true })
		phones.push({ session, doc, records: getBoardRecords(doc), provider, added: [] })
	}
	await Promise.all(phones.map((phone) => whenSynced(phone.provider)))

	let written = 0
	const write = (phone: Phone) => {
		const { participant } = phone.session
		const id = addCompanyNote(phone.doc, phone.records, {
			companyId: participant.companyId!,
			text: `${PHONE_TEXTS[written % PHONE_TEXTS.length]}（${participant.name}・${++written}）`,
			kind: 'STRENGTH',
			iaClass: null,
			author: { id: participant.id, name: participant.name, role: 'COMPANY_MEMBER' },
			sessionCode: 'S1',
		})
		phone.added.push(id)
	}

	return {
		phones,
		startWriting(everyMs) {
			let added = 0
			const timers: ReturnType<typeof setTimeout>[] = []
			phones.forEach((phone, i) => {
				const first = setTimeout(
					() => {
						write(phone)
						added++
						timers.push(
							setInterval(() => {
								write(phone)
								added++
							}, everyMs)
						)
					},
					(everyMs / phones.length) * i
				)
				timers.push(first)
			})
			return () => {
				for (const timer of timers) clearTimeout(timer)
				return added
			}
		},
		deleteAdded() {
			let deleted = 0
			for (const phone of phones) {
				for (const id of phone.added) deleteCompanyNote(phone.doc, phone.records, id)
				deleted += phone.added.length
				phone.added = []
			}
			return deleted
		},
		close() {
			for (const phone of phones) {
				phone.provider.destroy()
				phone.doc.destroy()
			}
		},
	}
}
