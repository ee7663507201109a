import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import {
	MEMO_TEXT_MAX,
	STAR_REASON_MAX,
	classifiedKey,
	deleteMemo,
	getFields,
	getStarReasons,
	setFields,
	type ClassifiedKey,
	listMemos,
	newMemoId,
	putMemo,
	type OfficerMemo,
} from '@mieruka/shared/bank/memoDoc'
import { mayStarNotes } from '@mieruka/shared/workshop/docAccess'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { CompanyNote } from '../../phone/companyNotes.ts'
import { useCompanyNotes } from '../../phone/useCompanyNotes.ts'
import { useConnectionState } from '../../sync/useConnectionState.ts'
import type { BankCategory } from '@mieruka/shared/notes/taxonomies'
import { FieldChips } from '../FieldChips.tsx'
import { setNoteStar } from '../noteStar.ts'
import { useMemoDocs } from '../useMemoDocs.ts'
import { loadMemoDraft, memoDraftKey, saveMemoDraft } from './memoDrafts.ts'
import '../bank.css'
import '../bankCatalogue.ts'

/**
 * A bank person's note list on the phone (loaded only on their phones — company phones never
 * download it): the company's notes with the officer's memos beside each, the ★ (銀行目線) with a
 * public or internal reason, memos on the company, and a form to write a memo. The officer works on
 * their own company; the coordinator picks any company (and may write memos, not ★s, there).
 */
export default function BankPhoneNotes({
	session,
	board,
	renderCard,
	banner,
	closed,
}: {
	session: Session
	board: { doc: Y.Doc; records: BoardRecords } | null
	renderCard(note: CompanyNote, extra: ReactNode): ReactNode
	banner: ReactNode
	closed: boolean
}) {
	const { t } = useTranslation()
	const { participant, workshop } = session
	const isOfficer = participant.role === 'BANK_OFFICER'
	const companyIds = useMemo(
		() => (isOfficer ? (participant.companyId ? [participant.companyId] : []) : workshop.companies.map((company) => company.id)),
		[isOfficer, participant.companyId, workshop.companies]
	)
	// The officer's company follows the participant (the facilitator may move them); the coordinator picks one.
	const [picked, setCompanyId] = useState<string | null>(null)
	const companyId = isOfficer ? participant.companyId : picked !== null && companyIds.includes(picked) ? picked : (companyIds[0] ?? null)
	const notes = useCompanyNotes(board?.records ?? null, companyId)
	const { handles, version } = useMemoDocs(workshop.id, session.token, companyIds)
	const handle = handles.find((candidate) => candidate.companyId === companyId) ?? null
	const memoState = useConnectionState(handle?.connection ?? null)
	// biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with every change of the docs, which the value is read from
	const memos = useMemo(() => (handle ? listMemos(handle.doc) : []), [handle, version])
	// biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with every change of the docs, which the value is read from
	const starReasons = useMemo(() => (handle ? Object.fromEntries(getStarReasons(handle.doc).entries()) : {}), [handle, version])
	// biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with every change of the docs, which the value is read from
	const fields = useMemo(() => (handle ? Object.fromEntries(getFields(handle.doc).entries()) : {}), [handle, version])
	const canWrite = !closed && handle !== null
	const classify = (key: ClassifiedKey) =>
		canWrite ? <Classify value={fields[key] ?? []} onChange={(next) => handle && setFields(handle.doc, key, next)} /> : null
	const canStar = !closed && mayStarNotes(participant.role) && board !== null && companyId === participant.companyId
	const byName = (id: string) => (id === participant.id ? participant.name : (memos.find((memo) => memo.authorId === id)?.authorName ?? ''))

	return (
		<section className="note-list-section bank-notes" aria-labelledby="notes-heading" data-testid="bank-notes">
			<p className="bank-link">
				<a href={`/w/${encodeURIComponent(workshop.id)}/bank`}>{t('bank.pageTitle')}</a>
			</p>
			{!isOfficer ? (
				<label className="bank-notes__company">
					<span>{t('bank.company')}</span>
					<select value={companyId ?? ''} onChange={(event) => setCompanyId(event.target.value)} data-testid="bank-company">
						{workshop.companies.map((company) => (
							<option key={company.id} value={company.id}>
								{company.name}
							</option>
						))}
					</select>
				</label>
			) : null}
			{memoState === 'offline' ? (
				<p className="notice" role="status">
					{t('bank.offline')}
				</p>
			) : null}
			{canWrite && companyId ? (
				<MemoComposer
					key={`${workshop.id}.${participant.id}.${companyId}`}
					draftKey={memoDraftKey(workshop.id, participant.id, companyId)}
					notes={notes}
					onSave={(text, noteId) => {
						const now = Date.now()
						putMemo(handle.doc, { id: newMemoId(now), noteId, text, authorId: participant.id, authorName: participant.name, createdAt: now, updatedAt: now })
					}}
				/>
			) : null}
			<h2 id="notes-heading">
				{t('phone.notesOf', { company: workshop.companies.find((company) => company.id === companyId)?.name ?? t('phone.noCompany') })}{' '}
				<span className="count">{notes.length}</span>
			</h2>
			{notes.length === 0 ? <p className="empty">{t('phone.noNotes')}</p> : null}
			{banner}
			<ul className="note-list">
				{notes.map((note) =>
					renderCard(
						note,
						<div className="bank-tools">
							<MemoList
								memos={memos.filter((memo) => memo.noteId === note.id)}
								canDelete={canWrite}
								onDelete={(id) => handle && deleteMemo(handle.doc, id)}
								classify={classify}
							/>
							{classify(classifiedKey('note', note.id))}
							{starReasons[note.id] ? (
								<p className="bank-tools__reason" data-testid="star-internal-reason">
									{t('bank.starInternalReason', { text: starReasons[note.id]!.text })}
								</p>
							) : null}
							{canStar && board ? (
								<StarEditor
									note={note}
									internalReason={starReasons[note.id]?.text ?? null}
									starredBy={note.star ? byName(note.star.byId) : null}
									onSave={(star) => setNoteStar(board, handle?.doc ?? null, note.id, star && { ...star, byId: participant.id })}
								/>
							) : null}
						</div>
					)
				)}
			</ul>
			<section className="bank-memos" aria-labelledby="company-memos-heading">
				<h2 id="company-memos-heading">
					{t('bank.companyMemos')} <span className="count">{memos.filter((memo) => memo.noteId === null).length}</span>
				</h2>
				<p className="composer__hint">{t('bank.memosHint')}</p>
				{memos.some((memo) => memo.noteId === null) ? (
					<MemoList
						memos={memos.filter((memo) => memo.noteId === null)}
						canDelete={canWrite}
						onDelete={(id) => handle && deleteMemo(handle.doc, id)}
						classify={classify}
					/>
				) : (
					<p className="empty">{t('bank.noMemos')}</p>
				)}
			</section>
		</section>
	)
}

/** The nine fields of a note or memo, folded behind a button (the phone is narrow). */
function Classify({ value, onChange }: { value: readonly BankCategory[]; onChange(next: BankCategory[]): void }) {
	const { t } = useTranslation()
	const [open, setOpen] = useState(false)
	return (
		<div className="classify">
			<button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
				{t('bank.fields')}
				{value.length > 0 ? `（${value.length}）` : ''}
			</button>
			{open ? <FieldChips value={value} onChange={onChange} /> : null}
		</div>
	)
}

function MemoList({
	memos,
	canDelete,
	onDelete,
	classify,
}: {
	memos: OfficerMemo[]
	canDelete: boolean
	onDelete(id: string): void
	classify(key: ClassifiedKey): ReactNode
}) {
	const { t, i18n } = useTranslation()
	if (memos.length === 0) return null
	return (
		<ul className="memo-list">
			{memos.map((memo) => (
				<li key={memo.id} className="memo" data-testid="officer-memo">
					<span className="memo__badge">{t('bank.memos')}</span>
					<p className="memo__text">{memo.text}</p>
					<p className="memo__meta">
						{memo.authorName}・
						{new Date(memo.updatedAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}
						{canDelete ? (
							<button type="button" className="link-button" onClick={() => window.confirm(t('bank.confirmDeleteMemo')) && onDelete(memo.id)}>
								{t('bank.deleteMemo')}
							</button>
						) : null}
					</p>
					{classify(classifiedKey('memo', memo.id))}
				</li>
			))}
		</ul>
	)
}

/**
 * Writing a memo: a plain textarea, so an IME's Enter confirms a conversion or makes a new line;
 * only the button saves. The draft (text and target) is kept on the device until saved.
 */
function MemoComposer({ draftKey, notes, onSave }: { draftKey: string; notes: CompanyNote[]; onSave(text: string, noteId: string | null): void }) {
	const { t } = useTranslation()
	const [restored] = useState(() => loadMemoDraft(draftKey))
	const [text, setText] = useState(restored.text)
	const [noteId, setNoteId] = useState<string | null>(restored.noteId)
	const [error, setError] = useState<string | null>(null)
	const [showRestored, setShowRestored] = useState(restored.text.trim() !== '')
	useEffect(() => saveMemoDraft(draftKey, { text, noteId }), [draftKey, text, noteId])
	const submit = (event: FormEvent) => {
		event.preventDefault()
		const trimmed = text.trim()
		if (trimmed === '') return setError(t('bank.memoRequired'))
		if (trimmed.length > MEMO_TEXT_MAX) return setError(t('bank.memoTooLong', { max: MEMO_TEXT_MAX }))
		onSave(trimmed, noteId !== null && notes.some((note) => note.id === noteId) ? noteId : null)
		setText('')
		setNoteId(null)
		setError(null)
		setShowRestored(false)
	}
	return (
		<form className="card composer memo-composer" onSubmit={submit} noValidate data-testid="memo-composer">
			<label htmlFor="memo-text" className="composer__label">
				{t('bank.newMemo')}
			</label>
			<p className="composer__hint">{t('bank.memosHint')}</p>
			{showRestored ? (
				<p className="composer__hint" role="status">
					{t('bank.draftRestored')}
				</p>
			) : null}
			<textarea
				id="memo-text"
				rows={3}
				value={text}
				placeholder={t('bank.memoPlaceholder')}
				onChange={(event) => {
					setText(event.target.value)
					setError(null)
				}}
			/>
			<div className="composer__count" aria-live="polite">
				{text.trim().length} / {MEMO_TEXT_MAX}
			</div>
			<label className="memo-composer__about">
				<span>{t('bank.memoAbout')}</span>
				<select value={noteId ?? ''} onChange={(event) => setNoteId(event.target.value === '' ? null : event.target.value)} data-testid="memo-about">
					<option value="">{t('bank.memoAboutCompany')}</option>
					{notes.map((note) => (
						<option key={note.id} value={note.id}>
							{t('bank.memoAboutNote', { text: note.text.length > 24 ? `${note.text.slice(0, 24)}…` : note.text })}
						</option>
					))}
				</select>
			</label>
			<button type="submit" className="primary-button">
				{t('bank.addMemo')}
			</button>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</form>
	)
}

/** ★ 銀行目線 on a note, with a reason the officer makes public or keeps internal. */
function StarEditor({
	note,
	internalReason,
	starredBy,
	onSave,
}: {
	note: CompanyNote
	internalReason: string | null
	starredBy: string | null
	onSave(star: { reason: string; internal: boolean } | null): void
}) {
	const { t } = useTranslation()
	const [open, setOpen] = useState(false)
	const [reason, setReason] = useState(note.star?.reason || internalReason || '')
	const [internal, setInternal] = useState(internalReason !== null || !note.star?.reason)
	if (!open) {
		return (
			<div className="bank-tools__star">
				<button
					type="button"
					className={note.star ? 'secondary-button star-button star-button--on' : 'secondary-button star-button'}
					aria-pressed={note.star !== null}
					onClick={() => {
						setReason(note.star?.reason || internalReason || '')
						setInternal(internalReason !== null || !note.star?.reason)
						setOpen(true)
					}}
				>
					{note.star && starredBy ? t('bank.starred', { name: starredBy }) : t('bank.star')}
				</button>
			</div>
		)
	}
	const tooLong = reason.trim().length > STAR_REASON_MAX
	return (
		<div className="star-editor" data-testid="star-editor">
			<label className="composer__label" htmlFor={`star-reason-${note.id}`}>
				{t('bank.starReason')}
			</label>
			<textarea id={`star-reason-${note.id}`} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
			<fieldset className="star-editor__audience">
				<label>
					<input type="radio" name={`star-audience-${note.id}`} checked={internal} onChange={() => setInternal(true)} /> {t('bank.starReasonInternal')}
				</label>
				<label>
					<input type="radio" name={`star-audience-${note.id}`} checked={!internal} onChange={() => setInternal(false)} /> {t('bank.starReasonPublic')}
				</label>
			</fieldset>
			{tooLong ? (
				<p className="field-error" role="alert">
					{t('bank.memoTooLong', { max: STAR_REASON_MAX })}
				</p>
			) : null}
			<div className="note-card__actions">
				<button
					type="button"
					className="primary-button"
					disabled={tooLong}
					onClick={() => {
						onSave({ reason, internal })
						setOpen(false)
					}}
				>
					{note.star ? t('bank.starUpdate') : t('bank.starSave')}
				</button>
				{note.star ? (
					<button
						type="button"
						className="danger-button"
						onClick={() => {
							onSave(null)
							setOpen(false)
						}}
					>
						{t('bank.starRemove')}
					</button>
				) : null}
				<button type="button" className="link-button" onClick={() => setOpen(false)}>
					{t('phone.cancel')}
				</button>
			</div>
		</div>
	)
}
