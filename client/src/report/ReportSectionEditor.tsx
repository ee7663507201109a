import { memo } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { OverBudget, SectionCompleteness } from '@mieruka/shared/report/reportCompleteness'
import { createItem, deleteItem, itemText, itemsMap, moveItem, sectionText, setItemField, setSectionField } from '@mieruka/shared/report/reportDoc'
import type { ReportItem, ReportSection } from '@mieruka/shared/report/reportModel'
import type { SectionTemplate } from '@mieruka/shared/report/reportTemplate'
import { CompletenessMeter } from './CompletenessMeter.tsx'
import { ProvenanceBadge } from './ProvenanceBadge.tsx'
import { ReportField } from './ReportField.tsx'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

export interface ReportSectionProps {
	section: SectionTemplate
	data: ReportSection
	completeness: SectionCompleteness
	doc: Y.Doc
	canWrite: boolean
	lang: Lang
	/** Changes exactly when this section's content or completeness changes (see ReportPage). */
	version: string
}

const fieldOfPath = (path: string) => path.slice(path.lastIndexOf('.') + 1)

/**
 * One section of the report: its fields, then its list of entries (with where they came from).
 * Re-rendered only when its own content changes, so typing in one field does not re-render the
 * hundreds of others.
 */
export const ReportSectionEditor = memo(
	SectionCard,
	(before, after) =>
		before.version === after.version &&
		before.doc === after.doc &&
		before.canWrite === after.canWrite &&
		before.lang === after.lang &&
		before.section === after.section
)

function SectionCard({ section, data, completeness, doc, canWrite, lang }: ReportSectionProps) {
	const { t } = useTranslation()
	const readOnly = !canWrite
	const missing = new Set(completeness.missing.map((entry) => `${entry.itemId ?? ''}|${fieldOfPath(entry.path)}`))
	const over = new Map(completeness.overBudget.map((entry) => [`${entry.itemId ?? ''}|${fieldOfPath(entry.path)}`, entry]))
	const list = section.list
	const itemLabel = list?.itemLabel[lang] ?? ''
	const tooMany = completeness.overBudget.find((entry) => entry.path.endsWith('.items'))
	const sources = Object.entries(data.fieldSources)
	return (
		<section className="report-section" id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`} data-section={section.id}>
			<header className="report-section__head">
				<h2 id={`section-${section.id}-title`}>
					<span className="report-section__code">{section.code}</span>
					{section.title[lang]}
				</h2>
				<CompletenessMeter
					percent={completeness.percent}
					optionalEmpty={completeness.optionalEmpty}
					filled={completeness.filled}
					required={completeness.required}
					missing={completeness.missing.length}
					overBudget={completeness.overBudget.length}
					label={t('report.sectionCompleteness', { section: section.title[lang] })}
				/>
			</header>
			{section.hint ? <p className="report-section__hint">{section.hint[lang]}</p> : null}
			{section.fields.length > 0 ? (
				<div className="report-fields">
					{section.fields.map((field) => (
						<ReportField
							key={field.id}
							field={field}
							lang={lang}
							value={data.fields[field.id] ?? null}
							ytext={field.kind === 'text' ? sectionText(doc, section.id, field.id) : null}
							onChange={(value) => setSectionField(doc, section.id, field.id, value)}
							readOnly={readOnly}
							id={`f-${section.id}-${field.id}`}
							missing={missing.has(`|${field.id}`)}
							over={over.get(`|${field.id}`)}
							t={t}
						/>
					))}
				</div>
			) : null}
			{sources.length > 0 ? (
				<ul className="report-sources">
					{sources.map(([fieldId, provenances]) => (
						<li key={fieldId}>
							<span className="report-sources__label">
								{section.fields.find((field) => field.id === fieldId)?.label[lang]}：{t('report.fieldSources', { count: provenances.length })}
							</span>
							{provenances.map((provenance) => (
								<span key={provenance.noteIds.join(',')} className="report-sources__note">
									<span className="report-sources__text">{provenance.noteText}</span>
									<ProvenanceBadge provenance={provenance} t={t} lang={lang} />
								</span>
							))}
						</li>
					))}
				</ul>
			) : null}
			{list ? (
				<div className="report-items">
					{tooMany ? <p className="report-warning">{t('report.tooManyItems', { count: tooMany.length, budget: tooMany.budget })}</p> : null}
					{data.items.length === 0 ? <p className="report-empty">{t('report.noItems', { item: itemLabel })}</p> : null}
					<ol className="report-item-list">
						{data.items.map((item, index) => (
							<ItemCard
								key={item.id}
								section={section}
								item={item}
								index={index}
								count={data.items.length}
								doc={doc}
								readOnly={readOnly}
								lang={lang}
								missing={missing}
								over={over}
								t={t}
							/>
						))}
					</ol>
					{canWrite ? (
						<button type="button" className="secondary-button report-add" onClick={() => createItem(doc, section.id)}>
							{t('report.addItem', { item: itemLabel })}
						</button>
					) : null}
				</div>
			) : null}
		</section>
	)
}

function ItemCard({
	section,
	item,
	index,
	count,
	doc,
	readOnly,
	lang,
	missing,
	over,
	t,
}: {
	section: SectionTemplate
	item: ReportItem
	index: number
	count: number
	doc: Y.Doc
	readOnly: boolean
	lang: Lang
	missing: Set<string>
	over: Map<string, OverBudget>
	t: TFunction
}) {
	const itemLabel = section.list!.itemLabel[lang]
	const live = itemsMap(doc, section.id).get(item.id)
	const orphaned = item.provenance?.orphaned === true
	return (
		<li className={`report-item${orphaned ? ' report-item--orphaned' : ''}`} data-item-id={item.id}>
			<div className="report-item__bar">
				<span className="report-item__no">{index + 1}</span>
				{item.provenance ? <ProvenanceBadge provenance={item.provenance} t={t} lang={lang} /> : null}
				{readOnly ? null : (
					<span className="report-item__actions">
						<button
							type="button"
							className="icon-button"
							aria-label={t('report.moveUp')}
							title={t('report.moveUp')}
							disabled={index === 0}
							onClick={() => moveItem(doc, section.id, item.id, -1)}
						>
							↑
						</button>
						<button
							type="button"
							className="icon-button"
							aria-label={t('report.moveDown')}
							title={t('report.moveDown')}
							disabled={index === count - 1}
							onClick={() => moveItem(doc, section.id, item.id, 1)}
						>
							↓
						</button>
						<button
							type="button"
							className="icon-button icon-button--danger"
							aria-label={t('report.deleteItem')}
							title={t('report.deleteItem')}
							onClick={() => {
								if (window.confirm(t('report.confirmDeleteItem', { item: itemLabel }))) deleteItem(doc, section.id, item.id)
							}}
						>
							×
						</button>
					</span>
				)}
			</div>
			<div className="report-item__fields">
				{section.list!.fields.map((field) => (
					<ReportField
						key={field.id}
						field={field}
						lang={lang}
						value={item.fields[field.id] ?? null}
						ytext={field.kind === 'text' && live ? itemText(live, field.id) : null}
						onChange={(value) => setItemField(doc, section.id, item.id, field.id, value)}
						readOnly={readOnly}
						id={`f-${section.id}-${item.id}-${field.id}`}
						missing={missing.has(`${item.id}|${field.id}`)}
						over={over.get(`${item.id}|${field.id}`)}
						t={t}
					/>
				))}
			</div>
		</li>
	)
}
