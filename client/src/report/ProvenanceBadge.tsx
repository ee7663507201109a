import { useContext } from 'react'
import type { TFunction } from 'i18next'
import type { Provenance } from '@mieruka/shared/report/reportModel'
import { BoardLinkContext } from './boardLink.ts'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

/** Where an entry came from on the board, and whether its note is gone. */
export function ProvenanceBadge({ provenance, t, lang }: { provenance: Provenance; t: TFunction; lang: Lang }) {
	const when = provenance.promotedAt
		? new Date(provenance.promotedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'short', timeStyle: 'short' })
		: ''
	const boardLink = useContext(BoardLinkContext)
	const noteId = provenance.noteIds[0]
	const title = t('report.fromBoardTitle', { by: provenance.promotedBy || '—', when: when || '—', text: provenance.noteText || '—' })
	return (
		<span className="report-provenance" data-orphaned={provenance.orphaned || undefined}>
			{boardLink && noteId && !provenance.orphaned ? (
				<a className="report-tag report-tag--board" title={title} href={boardLink(noteId)}>
					{provenance.kind === 'chain' && provenance.position !== null ? t('report.chainStep', { position: provenance.position + 1 }) : t('report.fromBoard')}
				</a>
			) : (
				<span className="report-tag report-tag--board" title={title}>
					{provenance.kind === 'chain' && provenance.position !== null ? t('report.chainStep', { position: provenance.position + 1 }) : t('report.fromBoard')}
				</span>
			)}
			{provenance.orphaned ? (
				<span className="report-tag report-tag--orphaned" title={t('report.orphanedTitle')} role="note">
					{t('report.orphaned')}
				</span>
			) : null}
		</span>
	)
}
