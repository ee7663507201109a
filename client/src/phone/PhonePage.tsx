import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import { ConnectionProblemNotice } from '../sync/ConnectionProblemNotice.tsx'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { addCompanyNote, deleteCompanyNote, updateCompanyNote } from './companyNotes.ts'
import { NoteCard } from './NoteCard.tsx'
import { NoteComposer } from './NoteComposer.tsx'
import { useCompanyNotes } from './useCompanyNotes.ts'

/**
 * `/w/:workshopId/phone` — the page for everyone who is not at the projector: their company's
 * notes, live, and a form to add one. Loads no canvas code at all.
 */
export function PhonePage({ workshopId }: { workshopId: string }) {
	const { t } = useTranslation()
	const state = useWorkshopSession(workshopId)
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
					<a className="primary-button" href="/j">
						{t('phone.joinAgain')}
					</a>
				</p>
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
		const opened = openDocConnection(session.docs.board, { params: { token: session.token } })
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
	const company = useMemo(() => session.workshop.companies.find((c) => c.id === participant.companyId), [session, participant.companyId])
	const author = { participantId: participant.id, name: participant.name, role: participant.role }

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
				<ConnectionBadge state={connectionState} />
			</header>
			{company && connection && records ? (
				<NoteComposer onAdd={(note) => addCompanyNote(connection.doc, records, { ...note, companyId: company.id, author })} />
			) : null}
			<section className="note-list-section" aria-labelledby="notes-heading">
				<h2 id="notes-heading">
					{t('phone.companyNotes')} <span className="count">{notes.length}</span>
				</h2>
				{notes.length === 0 ? <p className="empty">{t('phone.noNotes')}</p> : null}
				<ul className="note-list">
					{notes.map((note) => (
						<NoteCard
							key={note.id}
							note={note}
							own={note.author?.participantId === participant.id}
							onSave={(change) => connection && records && updateCompanyNote(connection.doc, records, note.id, change)}
							onDelete={() => connection && records && deleteCompanyNote(connection.doc, records, note.id)}
						/>
					))}
				</ul>
			</section>
			<footer className="phone-footer">
				<span>{session.workshop.title}</span>
				<LanguageSwitch compact />
			</footer>
		</main>
	)
}
