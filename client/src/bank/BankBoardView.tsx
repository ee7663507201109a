import { useTranslation } from 'react-i18next'
import { classifiedKey, getFields, getStarReasons, listMemos, setFields, type ClassifiedKey } from '@mieruka/shared/bank/memoDoc'
import { NOTE_KIND_LABELS } from '@mieruka/shared/notes/taxonomies'
import { DEFAULT_REPORT_TEMPLATE } from '@mieruka/shared/report/templates/smrjA3'
import { currentLanguage } from './language.ts'
import type { BankBoardNote } from './bankBoardNotes.ts'
import { FieldChips } from './FieldChips.tsx'
import type { MemoDocHandle } from './useMemoDocs.ts'

/**
 * The board as the bank reads it on a laptop (read-only for the board): each company's notes with
 * the officers' memos beside them, the ★ and its internal reason, and the nine-field classification
 * of notes, memos and report sections (written to the company's memo doc). Export of the Local
 * Benchmark sheets per company.
 */
export function BankBoardView({
	companies,
	handles,
	notes,
	onExport,
}: {
	companies: { id: string; name: string }[]
	handles: MemoDocHandle[]
	notes: BankBoardNote[]
	onExport(companyId: string, format: 'xlsx' | 'csv'): void
}) {
	const { t } = useTranslation()
	const lang = currentLanguage()
	return (
		<section className="bank-board" aria-labelledby="bank-board-heading" data-testid="bank-board">
			<h2 id="bank-board-heading">{t('bank.bankView')}</h2>
			<p className="bank-lead">{t('bank.bankViewLead')}</p>
			{companies.map((company) => {
				const handle = handles.find((candidate) => candidate.companyId === company.id)
				if (!handle) return null
				const doc = handle.doc
				const fields = getFields(doc)
				const memos = listMemos(doc)
				const reasons = getStarReasons(doc)
				const chips = (key: ClassifiedKey) => <FieldChips value={fields.get(key) ?? []} onChange={(next) => setFields(doc, key, next)} />
				const companyNotes = notes.filter((note) => note.companyId === company.id)
				return (
					<section key={company.id} className="bank-company card">
						<div className="bank-section-head">
							<h3>{company.name}</h3>
							<span className="bank-exports">
								{t('bank.locaben')}
								<button type="button" className="secondary-button" onClick={() => onExport(company.id, 'xlsx')}>
									{t('bank.locabenXlsx')}
								</button>
								<button type="button" className="secondary-button" onClick={() => onExport(company.id, 'csv')}>
									{t('bank.locabenCsv')}
								</button>
							</span>
						</div>
						<ul className="bank-note-rows">
							{companyNotes.map((note) => (
								<li key={note.id} className="bank-note-row">
									<div className="bank-note-row__note">
										<p className="bank-note-row__text">{note.text}</p>
										<p className="bank-note-row__meta">
											{NOTE_KIND_LABELS[note.kind][lang]}・{note.authorName}
											{note.star ? <span className="bank-star"> ★{note.star.reason ? `：${note.star.reason}` : ''}</span> : null}
										</p>
										{reasons.get(note.id) ? <p className="bank-tools__reason">{t('bank.starInternalReason', { text: reasons.get(note.id)!.text })}</p> : null}
										{chips(classifiedKey('note', note.id))}
									</div>
									<div className="bank-note-row__memos">
										{memos
											.filter((memo) => memo.noteId === note.id)
											.map((memo) => (
												<div key={memo.id} className="memo" data-testid="officer-memo">
													<span className="memo__badge">{t('bank.memos')}</span>
													<p className="memo__text">{memo.text}</p>
													<p className="memo__meta">{memo.authorName}</p>
													{chips(classifiedKey('memo', memo.id))}
												</div>
											))}
									</div>
								</li>
							))}
						</ul>
						<h4>{t('bank.companyMemos')}</h4>
						{memos.filter((memo) => memo.noteId === null).length === 0 ? <p className="empty">{t('bank.noMemos')}</p> : null}
						{memos
							.filter((memo) => memo.noteId === null)
							.map((memo) => (
								<div key={memo.id} className="memo" data-testid="officer-memo">
									<span className="memo__badge">{t('bank.memos')}</span>
									<p className="memo__text">{memo.text}</p>
									<p className="memo__meta">{memo.authorName}</p>
									{chips(classifiedKey('memo', memo.id))}
								</div>
							))}
						<details className="bank-sections">
							<summary>{t('bank.sectionFields')}</summary>
							<ul>
								{DEFAULT_REPORT_TEMPLATE.sections
									.filter((section) => section.id !== 'meta')
									.map((section) => (
										<li key={section.id}>
											<span>{section.title[lang]}</span>
											{chips(classifiedKey('section', section.id))}
										</li>
									))}
							</ul>
						</details>
					</section>
				)
			})}
		</section>
	)
}
