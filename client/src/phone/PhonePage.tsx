import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import { ConnectionProblemNotice } from '../sync/ConnectionProblemNotice.tsx'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { consoleApi } from '../room/consoleApi.ts'
import { useControlState } from '../room/useControlState.ts'
import { inboxDocId, useDeskState } from '../room/useDeskState.ts'
import { sessionDocAccess } from '../session/sessionAccess.ts'
import { useServerClock } from '../room/useServerClock.ts'
import type { Role } from '@mieruka/shared/notes/taxonomies'
import { isBankRole, isCompanyRole } from '@mieruka/shared/workshop/roles'
import { addCompanyNote, deleteCompanyNote, updateCompanyNote, type CompanyNote, type PhoneIaClass, type PhoneNoteKind } from './companyNotes.ts'
import { NoteCard } from './NoteCard.tsx'
import { NoteComposer } from './NoteComposer.tsx'
import { OtherCompanyVoting } from './OtherCompanyVoting.tsx'
import { PhoneRoom } from './PhoneRoom.tsx'
import { SummonBanner } from './SummonBanner.tsx'
import { usePrivateNotes } from './usePrivateNotes.ts'
import { useCompanyNotes } from './useCompanyNotes.ts'
import { usePhoneVote } from './usePhoneVote.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** Only the bank's people's phones load this (memos, ★): company phones never download it. */
const BankPhoneNotes = lazy(() => import('../bank/phone/BankPhoneNotes.tsx'))

/**
 * `/w/:workshopId/phone` — the page for everyone who is not at the projector: their company's
 * notes, live, and a form to add one. Loads no canvas code at all.
 */
export function PhonePage({ workshopId }: { workshopId: string }) {
	const { t } = useTranslation()
	const state = useWorkshopSession(workshopId, 'participant')
	if (state.status === 'loading') {
		return (
			<div className="page-message" role="status">
				<p>{t('phone.loading')}</p>
			</div>
		)
	}
	if (state.status === 'signed-out') {
		return (
			<div className="page-message" role="alert">
				<h1>{state.reason === 'refused' ? t('phone.refusedTitle') : t('phone.signedOutTitle')}</h1>
				<p>{state.reason === 'refused' ? t('phone.refused') : t('phone.signedOut')}</p>
				<p>
					<a className="primary-button" href={pagePath(PAGES.join)}>
						{t('phone.joinAgain')}
					</a>
				</p>
			</div>
		)
	}
	if (state.session.participant.pending) {
		return (
			<div className="page-message" role="status" data-testid="lobby-waiting">
				<h1>{t('phone.waitingTitle')}</h1>
				<p>{t('phone.waiting', { name: state.session.participant.name })}</p>
			</div>
		)
	}
	return <PhoneBoard session={state.session} />
}

function PhoneBoard({ session }: { session: Session }) {
	const { t } = useTranslation()
	const [connection, setConnection] = useState<DocConnection | null>(null)
	const [records, setRecords] = useState<BoardRecords | null>(null)
	useEffect(() => {
		const opened = openDocConnection(session.docs.board, { token: session.token })
		setConnection(opened)
		setRecords(getBoardRecords(opened.doc))
		return () => {
			opened.destroy()
			setConnection(null)
			setRecords(null)
		}
	}, [session.docs.board, session.token])
	const connectionState = useConnectionState(connection)
	const { participant } = session
	const notes = useCompanyNotes(records, participant.companyId)
	const draftOwner = useMemo(() => ({ workshopId: session.workshop.id, participantId: participant.id }), [session.workshop.id, participant.id])
	const company = useMemo(() => session.workshop.companies.find((c) => c.id === participant.companyId), [session, participant.companyId])
	// The projector never writes notes; every other participant role is a note author role.
	const author = { id: participant.id, name: participant.name, role: participant.role as Role }
	// The facilitator's console: prompts, cards, timer; in private mode new notes go to a private doc.
	const control = useControlState(session.docs.control, session.token)
	// This person's own prompts, tasks and dots: their inbox (nobody else's reach this phone).
	const inbox = useDeskState(inboxDocId(session), session.token)
	const api = useMemo(() => consoleApi(session.workshop.id, session.token), [session.workshop.id, session.token])
	const clockOffset = useServerClock(api)
	const privateTarget = usePrivateNotes(session, control.room.privateMode !== undefined)
	const privateNotes = useCompanyNotes(privateTarget?.records ?? null, participant.companyId)
	const target = privateTarget ?? (connection && records ? { doc: connection.doc, records } : null)
	// An observer (or anyone in a closed workshop) reads the board only: no composer, no editing.
	const mayWriteBoard = sessionDocAccess(session, session.docs.board) === 'write'
	const writeNote =
		company && target && mayWriteBoard
			? (note: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }) =>
					addCompanyNote(target.doc, target.records, {
						...note,
						companyId: company.id,
						author,
						sessionCode: control.room.session?.code ?? 'S1',
					})
			: null

	const voting = usePhoneVote(control, inbox, participant, session.workshop.companies, api)
	// After the last seminar the facilitator closes the workshop: the server takes no more changes.
	const closed = session.workshop.status === 'closed'

	const isBank = isBankRole(participant.role)
	const voteBanner = voting ? (
		<p className="vote-banner" role="status">
			{t('vote.open', { left: voting.left, total: voting.round.dotsPerPerson })}
			{voting.error ? <span className="vote-banner__error">{voting.error}</span> : null}
		</p>
	) : null
	const renderCard = (note: CompanyNote, extra?: ReactNode) => (
		<NoteCard
			key={note.id}
			note={note}
			vote={voting && participant.companyId && voting.covers(participant.companyId) ? voting.forNote(note.id) : null}
			own={mayWriteBoard && note.author?.id === participant.id}
			onSave={(change) => connection && records && updateCompanyNote(connection.doc, records, note.id, change)}
			onDelete={() => connection && records && deleteCompanyNote(connection.doc, records, note.id)}
		>
			{extra}
		</NoteCard>
	)
	const noteList = (
		<section className="note-list-section" aria-labelledby="notes-heading">
			<h2 id="notes-heading">
				{/* Only a company's own people say 「自社」; anyone else (observer, facilitator) reads another's notes. */}
				{company && !isCompanyRole(participant.role) ? t('phone.notesOf', { company: company.name }) : t('phone.companyNotes')}{' '}
				<span className="count">{notes.length}</span>
			</h2>
			{notes.length === 0 ? <p className="empty">{t('phone.noNotes')}</p> : null}
			{voteBanner}
			<ul className="note-list">{notes.map((note) => renderCard(note))}</ul>
		</section>
	)

	return (
		<main className="phone-page">
			<ConnectionProblemNotice connection={connection} />
			<header className="phone-header">
				<div className="phone-header__who">
					<span className="phone-header__company">{company?.name ?? t('phone.noCompany')}</span>
					<span className="phone-header__name">
						{participant.name}・{t(`role.${participant.role}`)}
					</span>
				</div>
				{company ? (
					<a className="link-button" href={pagePath(PAGES.report, { workshopId: session.workshop.id, companyId: company.id })}>
						{t('report.link')}
					</a>
				) : null}
				<ConnectionBadge state={connectionState} />
			</header>
			<SummonBanner room={control.room} />
			<PhoneRoom
				session={session}
				control={control}
				inbox={inbox}
				api={api}
				clockOffset={clockOffset}
				draftOwner={draftOwner}
				writeNote={writeNote && ((text) => writeNote({ text, kind: null, iaClass: null }))}
			/>
			{closed ? (
				<p className="notice" role="status" data-testid="workshop-closed">
					{t('phone.closed')}
				</p>
			) : null}
			{writeNote ? <NoteComposer key={`${draftOwner.workshopId}.${draftOwner.participantId}`} draftOwner={draftOwner} onAdd={writeNote} /> : null}
			{privateTarget ? (
				<section className="note-list-section" aria-labelledby="private-notes-heading">
					<h2 id="private-notes-heading">
						{t('phoneConsole.privateNotes')} <span className="count">{privateNotes.length}</span>
					</h2>
					<ul className="note-list note-list--private">
						{privateNotes.map((note) => (
							<NoteCard
								key={note.id}
								note={note}
								own
								onSave={(change) => updateCompanyNote(privateTarget.doc, privateTarget.records, note.id, change)}
								onDelete={() => deleteCompanyNote(privateTarget.doc, privateTarget.records, note.id)}
							/>
						))}
					</ul>
				</section>
			) : null}
			{isBank ? (
				<Suspense fallback={noteList}>
					<BankPhoneNotes
						session={session}
						board={connection && records ? { doc: connection.doc, records } : null}
						renderCard={renderCard}
						banner={voteBanner}
						closed={closed}
					/>
				</Suspense>
			) : (
				noteList
			)}
			{voting?.coversOthers ? (
				<OtherCompanyVoting records={records} companies={session.workshop.companies} ownCompanyId={participant.companyId} voting={voting} />
			) : null}
			<footer className="phone-footer">
				<span>{session.workshop.title}</span>
				<LanguageSwitch compact />
			</footer>
		</main>
	)
}
