import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { companyCoverage, coverageGaps, GAP_PROMPTS, type CompanyCoverage } from '@mieruka/shared/bank/coverage'
import { COVERAGE_RATINGS, getMemos, getRatings, RATING_NOTE_MAX, setRating, type CoverageRatingValue } from '@mieruka/shared/bank/memoDoc'
import { BANK_CATEGORIES, BANK_CATEGORY_LABELS, type BankCategory } from '@mieruka/shared/notes/taxonomies'
import { findPrompt } from '@mieruka/shared/workshop/promptLibrary'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import { currentLanguage } from './language.ts'
import type { MemoDocHandle } from './useMemoDocs.ts'

/**
 * The heat map of the nine fields: one row per company the viewer may see (the coordinator: all;
 * an officer: their own), one column per field; each cell the number of notes, report sections and
 * memos classified into it and the officer's rating. A selected cell opens its rating; gaps come
 * with library prompts the coordinator hands to that company's officer in one tap.
 */
export function CoverageGrid({
	companies,
	handles,
	liveNoteIds,
	roster,
	me,
	canAssign,
	assign,
	onPdf,
}: {
	companies: { id: string; name: string }[]
	handles: MemoDocHandle[]
	liveNoteIds: ReadonlySet<string>
	roster: ParticipantView[]
	me: string
	canAssign: boolean
	assign(promptCode: string, officerId: string): Promise<void>
	onPdf(): void
}) {
	const { t } = useTranslation()
	const lang = currentLanguage()
	const [selected, setSelected] = useState<{ companyId: string; category: BankCategory } | null>(null)
	const [assigned, setAssigned] = useState<Set<string>>(new Set())
	const rows = companies
		.map((company) => {
			const handle = handles.find((candidate) => candidate.companyId === company.id)
			if (!handle) return null
			const memos = getMemos(handle.doc)
			const coverage = companyCoverage(handle.doc, (kind, id) => (kind === 'note' ? liveNoteIds.has(id) : kind === 'memo' ? memos.has(id) : true))
			return { company, handle, coverage }
		})
		.filter((row): row is { company: { id: string; name: string }; handle: MemoDocHandle; coverage: CompanyCoverage } => row !== null)
	const officerOf = (companyId: string) => roster.find((person) => person.role === 'BANK_OFFICER' && person.companyId === companyId) ?? null
	const selectedRow = selected ? rows.find((row) => row.company.id === selected.companyId) : undefined

	return (
		<section className="coverage" aria-labelledby="coverage-heading" data-testid="coverage">
			<div className="bank-section-head">
				<h2 id="coverage-heading">{t('bank.coverageTitle')}</h2>
				<button type="button" className="secondary-button" onClick={onPdf}>
					{t('bank.printPdf')}
				</button>
			</div>
			<p className="bank-lead">{t('bank.coverageLead')}</p>
			<table className="coverage-grid">
				<thead>
					<tr>
						<th scope="col">{t('bank.company')}</th>
						{BANK_CATEGORIES.map((category) => (
							<th key={category} scope="col" title={BANK_CATEGORY_LABELS[category][lang]}>
								{BANK_CATEGORY_LABELS[category].short?.[lang] ?? BANK_CATEGORY_LABELS[category][lang]}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map(({ company, coverage }) => (
						<tr key={company.id}>
							<th scope="row">{company.name}</th>
							{BANK_CATEGORIES.map((category) => {
								const field = coverage[category]
								const isSelected = selected?.companyId === company.id && selected.category === category
								return (
									<td key={category} className={`coverage-cell coverage-cell--${Math.min(field.total, 5)}${isSelected ? ' coverage-cell--selected' : ''}`}>
										<button
											type="button"
											aria-pressed={isSelected}
											aria-label={`${company.name} ${BANK_CATEGORY_LABELS[category][lang]} ${t('bank.coverageCount', { count: field.total })}`}
											onClick={() => setSelected(isSelected ? null : { companyId: company.id, category })}
										>
											<span className="coverage-cell__count">{field.total}</span>
											<span className="coverage-cell__rating">{field.rating === null ? t('bank.noRating') : t(`bank.ratingValue.${field.rating}`)}</span>
										</button>
									</td>
								)
							})}
						</tr>
					))}
				</tbody>
			</table>
			{selected && selectedRow ? (
				<RatingEditor
					key={`${selected.companyId}.${selected.category}`}
					title={`${selectedRow.company.name} — ${BANK_CATEGORY_LABELS[selected.category][lang]}`}
					current={getRatings(selectedRow.handle.doc).get(selected.category) ?? null}
					onSave={(value, note) => setRating(selectedRow.handle.doc, selected.category, value === null ? null : { value, note, byId: me, at: Date.now() })}
				/>
			) : null}
			<h3 className="coverage-gaps-heading">{t('bank.gaps')}</h3>
			<div className="coverage-gaps">
				{rows.map(({ company, coverage }) => {
					const gaps = coverageGaps(coverage)
					const officer = officerOf(company.id)
					return (
						<section key={company.id} className="coverage-gap card" data-testid="coverage-gap">
							<h4>{company.name}</h4>
							{gaps.length === 0 ? <p className="empty">{t('bank.noGaps')}</p> : null}
							<ul>
								{gaps.map((category) => (
									<li key={category}>
										<strong>{BANK_CATEGORY_LABELS[category][lang]}</strong>
										<ul className="gap-prompts">
											{GAP_PROMPTS[category].map((code) => {
												const card = findPrompt(code)
												if (!card) return null
												const key = `${company.id}.${category}.${code}`
												return (
													<li key={code}>
														<span className="gap-prompt__text">
															{code} {lang === 'ja' ? card.titleJa : card.glossEn}
														</span>
														{canAssign ? (
															officer ? (
																<button
																	type="button"
																	className="link-button"
																	disabled={assigned.has(key)}
																	onClick={() => void assign(code, officer.id).then(() => setAssigned((done) => new Set(done).add(key)))}
																>
																	{assigned.has(key) ? t('bank.assigned') : t('bank.assignPrompt', { name: officer.name })}
																</button>
															) : (
																<span className="muted">{t('bank.noOfficer')}</span>
															)
														) : null}
													</li>
												)
											})}
										</ul>
									</li>
								))}
							</ul>
						</section>
					)
				})}
			</div>
		</section>
	)
}

function RatingEditor({
	title,
	current,
	onSave,
}: {
	title: string
	current: { value: CoverageRatingValue; note: string } | null
	onSave(value: CoverageRatingValue | null, note: string): void
}) {
	const { t } = useTranslation()
	const [value, setValue] = useState<CoverageRatingValue | null>(current?.value ?? null)
	const [note, setNote] = useState(current?.note ?? '')
	return (
		<div className="rating-editor card" data-testid="rating-editor">
			<h3>{title}</h3>
			<fieldset>
				<legend>{t('bank.rating')}</legend>
				{COVERAGE_RATINGS.map((rating) => (
					<label key={rating}>
						<input type="radio" name="coverage-rating" checked={value === rating} onChange={() => setValue(rating)} /> {t(`bank.ratingValue.${rating}`)}
					</label>
				))}
				<label>
					<input type="radio" name="coverage-rating" checked={value === null} onChange={() => setValue(null)} /> {t('bank.noRating')}
				</label>
			</fieldset>
			<label className="rating-editor__note">
				<span>{t('bank.ratingNote')}</span>
				<input type="text" value={note} maxLength={RATING_NOTE_MAX} onChange={(event) => setNote(event.target.value)} />
			</label>
			<button type="button" className="primary-button" onClick={() => onSave(value, note.trim())}>
				{t('bank.matchSave')}
			</button>
		</div>
	)
}
