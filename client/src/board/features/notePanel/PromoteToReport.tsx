import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue } from 'tldraw'
import type { TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'
import { noteFromShape } from '@mieruka/shared/notes/noteRecords'
import { promotableFromNote } from '@mieruka/shared/report/fromBoard'
import type { PromotionRequest } from '@mieruka/shared/report/promotionRequest'
import { reportAccess } from '@mieruka/shared/report/reportAccess'
import { suggestSectionForNotes } from '@mieruka/shared/report/sectionSuggestion'
import { DEFAULT_REPORT_TEMPLATE } from '@mieruka/shared/report/templates/smrjA3'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import type { BoardFeatureContext } from '../boardFeatures.ts'
import { storyChainState } from '../storyChains/chainState.ts'
import { errorText } from '../../../ui/errorText.ts'
import { promoteToReport } from './promoteNotes.ts'

/** The report sections a note can go to (not the meta section). */
const SECTIONS = DEFAULT_REPORT_TEMPLATE.sections.filter((section) => section.code !== 'R0')

export function PromoteToReport({ notes, context }: { notes: TLStrengthNoteShape[]; context: BoardFeatureContext }) {
	const editor = useEditor()
	const { t, i18n } = useTranslation()
	const { identity } = context
	const lang = i18n.language === 'en' ? 'en' : 'ja'
	const companyIds = [...new Set(notes.map((note) => note.props.companyId))]
	const companyId = companyIds.length === 1 ? companyIds[0]! : null
	const domainNotes = useMemo(() => notes.map(noteFromShape), [notes])
	const suggested = useMemo(() => suggestSectionForNotes(domainNotes.map(promotableFromNote)), [domainNotes])
	const [sectionId, setSectionId] = useState<string | null>(suggested)
	useEffect(() => setSectionId(suggested), [suggested])
	const chain = useValue('selected chain', () => (notes.length === 1 ? storyChainState(editor).get().selectedChain : null), [editor, notes])
	const [message, setMessage] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)

	if (!context.token || !context.workshopId) return null
	const reader = { role: identity.role as ParticipantRole, companyId: identity.companyId }
	if (!companyId) return <p className="note-panel__hint">{t('notePanel.promoteOneCompany')}</p>
	if (reportAccess(reader, companyId) !== 'write') return null
	const target = { workshopId: context.workshopId, companyId, token: context.token }

	const run = async (what: PromotionRequest) => {
		setBusy(true)
		setMessage(null)
		try {
			const result = await promoteToReport(target, what)
			setMessage(
				t('notePanel.promoted', { added: result.added.length, existing: result.existing.length }) +
					(result.refused.length > 0 ? ` ${t('notePanel.promoteRefused', { count: result.refused.length })}` : '')
			)
		} catch (caught) {
			setMessage(errorText(t, caught))
		} finally {
			setBusy(false)
		}
	}

	return (
		<div className="note-panel__promote">
			<span className="note-panel__label">{t('notePanel.toReport')}</span>
			<select aria-label={t('notePanel.section')} value={sectionId ?? ''} onChange={(event) => setSectionId(event.target.value || null)}>
				<option value="">{t('notePanel.pickSection')}</option>
				{SECTIONS.map((section) => (
					<option key={section.id} value={section.id}>
						{section.code} {section.title[lang]}
						{section.id === suggested ? ` ${t('notePanel.suggested')}` : ''}
					</option>
				))}
			</select>
			<button
				type="button"
				className="note-panel__action"
				disabled={busy || !sectionId}
				onClick={() => sectionId && void run({ noteIds: notes.map((note) => note.id), sectionId })}
			>
				{t('notePanel.promote')}
			</button>
			{chain ? (
				<button type="button" className="note-panel__action" disabled={busy} onClick={() => void run({ chainOf: notes[0]!.id })}>
					{t('notePanel.promoteChain', { count: chain.spine.length })}
				</button>
			) : null}
			{message ? (
				<p className="note-panel__hint" role="status">
					{message}
				</p>
			) : null}
		</div>
	)
}
