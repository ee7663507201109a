import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { classifiedKey, getFields } from '@mieruka/shared/bank/memoDoc'
import { matchCandidates } from '@mieruka/shared/bank/matching'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { isBankRole } from '@mieruka/shared/workshop/roles'
import { consoleApi } from '../room/consoleApi.ts'
import { useControlState } from '../room/useControlState.ts'
import { currentLanguage } from './language.ts'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { downloadBankFile } from './bankApi.ts'
import { BankBoardView } from './BankBoardView.tsx'
import { listBoardNotes } from './bankBoardNotes.ts'
import { CoverageGrid } from './CoverageGrid.tsx'
import { MatchingList } from './MatchingList.tsx'
import { useMemoDocs, useSharedDoc } from './useMemoDocs.ts'
import './bank.css'
import './bankCatalogue.ts'

type Tab = 'coverage' | 'matching' | 'board'
const TABS: readonly Tab[] = ['coverage', 'matching', 'board']

/**
 * `/w/:workshopId/bank` — the bank's own page on a laptop, for officers and the coordinator only
 * (the server refuses the memo and bank documents to anyone else; company people are never offered
 * the link): coverage of the nine fields, business matching, and a read-only view of the board with
 * the memos beside the notes. The coordinator sees every company; an officer their own company's
 * memos and coverage (matching looks at the whole board, which everyone sees anyway).
 */
export default function BankPage({ workshopId }: { workshopId: string }) {
	const { t } = useTranslation()
	const state = useWorkshopSession(workshopId, 'participant')
	if (state.status === 'loading') {
		return (
			<div className="page-message" role="status">
				<p>{t('bank.loading')}</p>
			</div>
		)
	}
	const role = state.status === 'ready' ? state.session.participant.role : null
	if (state.status !== 'ready' || role === null || !isBankRole(role)) {
		return (
			<div className="page-message" role="alert">
				<p>{t('bank.forbidden')}</p>
			</div>
		)
	}
	return <BankDesk session={state.session} />
}

function BankDesk({ session }: { session: Session }) {
	const { t } = useTranslation()
	const { participant, workshop } = session
	const isCoordinator = participant.role === 'BANK_COORDINATOR'
	const [tab, setTab] = useState<Tab>(() => ((TABS as readonly string[]).includes(location.hash.slice(1)) ? (location.hash.slice(1) as Tab) : 'coverage'))
	const companies = useMemo(
		() => workshop.companies.filter((company) => isCoordinator || company.id === participant.companyId),
		[workshop.companies, isCoordinator, participant.companyId]
	)
	const companyIds = useMemo(() => companies.map((company) => company.id), [companies])
	const board = useSharedDoc(session.docs.board, session.token)
	const bank = useSharedDoc(workshopDocId(workshop.id, 'bank'), session.token)
	const memoDocs = useMemoDocs(workshop.id, session.token, companyIds)
	const control = useControlState(session.docs.control, session.token)
	const api = useMemo(() => consoleApi(workshop.id, session.token), [workshop.id, session.token])
	const connectionState = useConnectionState(board.connection)
	const lang = currentLanguage()

	// biome-ignore lint/correctness/useExhaustiveDependencies: `board.version` changes with every change of the board, which the notes are read from
	const notes = useMemo(() => (board.connection ? listBoardNotes(getBoardRecords(board.connection.doc)) : []), [board.connection, board.version])
	const liveNoteIds = useMemo(() => new Set(notes.map((note) => note.id)), [notes])
	// biome-ignore lint/correctness/useExhaustiveDependencies: `memoDocs.version` changes with every change of the memo docs, which the fields are read from
	const candidates = useMemo(() => {
		const fieldsOf = (noteId: string) => {
			for (const handle of memoDocs.handles) {
				const fields = getFields(handle.doc).get(classifiedKey('note', noteId))
				if (fields) return fields
			}
			return []
		}
		return matchCandidates(notes, fieldsOf)
	}, [notes, memoDocs.handles, memoDocs.version])
	const companyName = (id: string) => workshop.companies.find((company) => company.id === id)?.name ?? id
	const download = (file: Parameters<typeof downloadBankFile>[1]) =>
		void downloadBankFile(workshop.id, file, session.token, lang).catch(() => window.alert(t('bank.exportFailed')))

	return (
		<main className="bank-page" data-testid="bank-page">
			<header className="bank-header">
				<div>
					<h1>{t('bank.pageTitle')}</h1>
					<p className="muted">
						{workshop.title}・{participant.name}（{t(`role.${participant.role}`)}）
					</p>
				</div>
				<p className="bank-internal-badge">{t('bank.memosHint')}</p>
				<ConnectionBadge state={connectionState} />
				<LanguageSwitch compact />
			</header>
			<div className="bank-tabs" role="tablist">
				{TABS.map((entry) => (
					<button
						key={entry}
						type="button"
						role="tab"
						aria-selected={tab === entry}
						className="bank-tab"
						onClick={() => {
							setTab(entry)
							history.replaceState(null, '', `#${entry}`)
						}}
					>
						{t(`bank.tabs.${entry}`)}
					</button>
				))}
			</div>
			{tab === 'coverage' ? (
				<CoverageGrid
					companies={companies}
					handles={memoDocs.handles}
					liveNoteIds={liveNoteIds}
					roster={control.roster}
					me={participant.id}
					canAssign={isCoordinator}
					assign={async (promptCode, officerId) => {
						await api.assign({ promptCode, target: { kind: 'participant', participantId: officerId } })
					}}
					onPdf={() => download({ kind: 'coverage' })}
				/>
			) : null}
			{tab === 'matching' ? (
				<MatchingList
					candidates={candidates}
					companyName={companyName}
					bankDoc={bank.connection?.doc ?? null}
					me={{ id: participant.id, name: participant.name }}
				/>
			) : null}
			{tab === 'board' ? (
				<BankBoardView
					companies={companies}
					handles={memoDocs.handles}
					notes={notes}
					onExport={(companyId, format) => download({ kind: 'locaben', companyId, format })}
				/>
			) : null}
		</main>
	)
}
