import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AssignmentTarget } from '@mieruka/shared/workshop/consoleModel'
import type { PromptAssignment } from '@mieruka/shared/workshop/controlDoc'
import { PROMPT_LIBRARY, type PromptCard, type PromptParty } from '@mieruka/shared/workshop/promptLibrary'
import { SESSION_CODES, type SessionCode } from '@mieruka/shared/workshop/sessions'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'

type TargetKind = 'officer' | 'officers' | 'company' | 'person'

/** Who a card is usually handed to (brief §9 "assignee → to"). */
function suggestedTarget(card: PromptCard): TargetKind {
	const assignee = card.assigneeRole as readonly PromptParty[]
	const target = card.targetRole as readonly PromptParty[]
	if (assignee.includes('BANK_OFFICER') || target.includes('BANK_OFFICER')) return 'officer'
	if (target.includes('COMPANY') || target.includes('COMPANY_OWNER') || assignee.includes('COMPANY_OWNER')) return 'company'
	if (target.includes('OTHER_COMPANY')) return 'company'
	return 'officers'
}

const CUSTOM = 'custom'

/**
 * The prompt library (brief §9) with a session filter, a custom prompt, the recipient picker, and
 * every assignment's state live, per person — officers first, so the facilitator sees at a glance
 * who has not engaged.
 */
export function PromptsTab({ session, control, desk, api }: ConsoleTabProps) {
	const { t, i18n } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const [filter, setFilter] = useState<SessionCode | 'all'>(() => control.room.session?.code ?? 'all')
	const [selected, setSelected] = useState<string | null>(null)
	const [title, setTitle] = useState('')
	const [body, setBody] = useState('')
	const [targetKind, setTargetKind] = useState<TargetKind>('officer')
	const [targetId, setTargetId] = useState('')
	const [done, setDone] = useState<string | null>(null)

	const people = control.roster.filter((p) => !p.revoked && p.role !== 'PROJECTOR' && p.role !== 'FACILITATOR')
	const officers = people.filter((p) => p.role === 'BANK_OFFICER')
	const companyName = (id: string | null) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''
	const cards = PROMPT_LIBRARY.filter((card) => filter === 'all' || (card.sessionCodes as readonly SessionCode[]).includes(filter))
	const card = selected && selected !== CUSTOM ? (PROMPT_LIBRARY.find((c) => c.code === selected) ?? null) : null

	const choose = (code: string) => {
		setSelected(code)
		setDone(null)
		const chosen = PROMPT_LIBRARY.find((c) => c.code === code)
		setTitle(chosen?.titleJa ?? '')
		setBody(chosen?.bodyJa ?? '')
		if (chosen) setTargetKind(suggestedTarget(chosen))
		setTargetId('')
	}

	const options: { id: string; label: string }[] =
		targetKind === 'officer'
			? officers.map((p) => ({ id: p.id, label: `${p.name}（${companyName(p.companyId)}）` }))
			: targetKind === 'company'
				? session.workshop.companies.map((c) => ({ id: c.id, label: c.name }))
				: targetKind === 'person'
					? people.map((p) => ({ id: p.id, label: `${p.name}（${t(`role.${p.role}`)}${p.companyId ? `・${companyName(p.companyId)}` : ''}）` }))
					: []
	const pickedId = targetId || options[0]?.id || ''
	const target: AssignmentTarget | null =
		targetKind === 'officers'
			? { kind: 'officers' }
			: !pickedId
				? null
				: targetKind === 'company'
					? { kind: 'company', companyId: pickedId }
					: { kind: 'participant', participantId: pickedId }
	const canAssign = selected !== null && target !== null && body.trim() !== '' && (selected !== CUSTOM || title.trim() !== '')

	const assign = async () => {
		if (!target || !selected) return
		const result = await run(() =>
			api.assign(
				selected === CUSTOM ? { promptCode: null, title: title.trim(), body: body.trim(), target } : { promptCode: selected, body: body.trim(), target }
			)
		)
		if (result) setDone(t('prompts.assigned', { count: result.assignments.length }))
	}

	return (
		<section className="side-section console-prompts" aria-labelledby="prompts-heading">
			<AssignmentStatus
				people={people}
				assignments={desk.assignments}
				companyName={companyName}
				onWithdraw={(id) => void run(() => api.withdrawAssignment(id))}
			/>
			<h2 id="prompts-heading">{t('prompts.title')}</h2>
			<label className="console-field">
				<span>{t('prompts.filter')}</span>
				<select value={filter} onChange={(event) => setFilter(event.target.value as SessionCode | 'all')}>
					<option value="all">{t('prompts.allSessions')}</option>
					{SESSION_CODES.filter((code) => code !== 'INDIVIDUAL').map((code) => (
						<option key={code} value={code}>
							{t(`session.${code}`)}
						</option>
					))}
				</select>
			</label>
			<ul className="prompt-library" aria-label={t('prompts.library')}>
				{cards.map((item) => (
					<li key={item.code}>
						<button
							type="button"
							className="prompt-library__item"
							aria-pressed={selected === item.code}
							onClick={() => choose(item.code)}
							data-prompt-code={item.code}
						>
							<span className="prompt-card__code">{item.code}</span>
							<span className="prompt-library__title">{i18n.language === 'en' ? item.glossEn : item.titleJa}</span>
							<span className="prompt-library__roles">
								{item.assigneeRole.map((r) => t(`party.${r}`)).join('+')}
								{item.targetRole.length > 0 ? ` → ${item.targetRole.map((r) => t(`party.${r}`)).join('+')}` : ''}
							</span>
						</button>
					</li>
				))}
				<li>
					<button type="button" className="prompt-library__item prompt-library__item--custom" aria-pressed={selected === CUSTOM} onClick={() => choose(CUSTOM)}>
						{t('prompts.custom')}
					</button>
				</li>
			</ul>

			{selected ? (
				<div className="prompt-compose">
					{selected === CUSTOM ? (
						<label className="console-field">
							<span>{t('prompts.customTitle')}</span>
							<input className="text-input" value={title} maxLength={60} onChange={(event) => setTitle(event.target.value)} />
						</label>
					) : (
						<h3>
							{card?.code} {card?.titleJa}
						</h3>
					)}
					<label className="console-field">
						<span>{t('prompts.body')}</span>
						<textarea rows={4} value={body} maxLength={400} onChange={(event) => setBody(event.target.value)} />
					</label>
					{card ? (
						<p className="field-help">
							{card.glossEn}
							<br />
							{t('prompts.expected', { artefact: card.expectedArtefact })}
							{body.includes('○○') ? (
								<>
									<br />
									<strong>{t('prompts.fillBlanks')}</strong>
								</>
							) : null}
						</p>
					) : null}
					<fieldset className="console-field target-picker">
						<legend>{t('prompts.to')}</legend>
						{(['officer', 'officers', 'company', 'person'] as const).map((kind) => (
							<label key={kind} className="target-picker__option">
								<input
									type="radio"
									name="prompt-target"
									checked={targetKind === kind}
									onChange={() => {
										setTargetKind(kind)
										setTargetId('')
									}}
								/>
								{t(`prompts.target.${kind}`)}
							</label>
						))}
						{options.length > 0 ? (
							<select aria-label={t('prompts.recipient')} value={pickedId} onChange={(event) => setTargetId(event.target.value)}>
								{options.map((option) => (
									<option key={option.id} value={option.id}>
										{option.label}
									</option>
								))}
							</select>
						) : targetKind !== 'officers' ? (
							<p className="empty">{t('prompts.nobodyToPick')}</p>
						) : null}
					</fieldset>
					<button type="button" className="primary-button" disabled={!canAssign || busy} onClick={() => void assign()}>
						{t('prompts.assign')}
					</button>
					{done ? (
						<p className="console-ok" role="status">
							{done}
						</p>
					) : null}
					{error ? (
						<p className="field-error" role="alert">
							{error}
						</p>
					) : null}
				</div>
			) : (
				<p className="field-help">{t('prompts.pickHint')}</p>
			)}
		</section>
	)
}

/** Officers first, then the coordinator, then everyone else. */
const rank = (p: ParticipantView) => (p.role === 'BANK_OFFICER' ? 0 : p.role === 'BANK_COORDINATOR' ? 1 : 2)

/** Every assignment's state, per person (officers first); people who have not engaged stand out. */
function AssignmentStatus({
	people,
	assignments,
	companyName,
	onWithdraw,
}: {
	people: ParticipantView[]
	assignments: PromptAssignment[]
	companyName: (id: string | null) => string
	onWithdraw: (id: string) => void
}) {
	const { t } = useTranslation()
	const rows = useMemo(
		() =>
			[...people]
				.sort((a, b) => rank(a) - rank(b) || (a.companyId ?? '').localeCompare(b.companyId ?? ''))
				.map((person) => ({ person, items: assignments.filter((a) => a.assigneeId === person.id) }))
				.filter(({ person, items }) => items.length > 0 || person.role === 'BANK_OFFICER'),
		[people, assignments]
	)
	return (
		<div className="assignment-status">
			<h2>{t('prompts.statusTitle')}</h2>
			{rows.length === 0 ? <p className="empty">{t('prompts.noAssignments')}</p> : null}
			<ul className="assignment-status__people">
				{rows.map(({ person, items }) => {
					const open = items.filter((a) => a.state === 'assigned').length
					const engaged = items.some((a) => a.state !== 'assigned')
					return (
						<li key={person.id} className="assignment-status__person" data-participant-id={person.id}>
							<div className="assignment-status__who">
								<strong>{person.name}</strong>
								<span className="assignment-status__company">{companyName(person.companyId) || t(`role.${person.role}`)}</span>
								{items.length === 0 ? (
									<span className="tag">{t('prompts.noneYet')}</span>
								) : !engaged ? (
									<span className="tag tag--warn">{t('prompts.notEngaged')}</span>
								) : open > 0 ? (
									<span className="tag">{t('prompts.unread', { count: open })}</span>
								) : null}
							</div>
							<ul className="assignment-status__items">
								{items.map((item) => (
									<li key={item.id} data-assignment-id={item.id} data-state={item.state} className="assignment-status__item">
										<span className={`state-chip state-chip--${item.state}`}>{t(`assignmentState.${item.state}`)}</span>
										<span className="assignment-status__title">
											{item.promptCode ? `${item.promptCode} ` : ''}
											{item.title}
										</span>
										{item.answer ? (
											<span className="assignment-status__answer">
												「{item.answer}」{item.noteId ? t('prompts.onBoard') : ''}
											</span>
										) : null}
										{item.state !== 'done' ? (
											<button type="button" className="link-button" onClick={() => onWithdraw(item.id)}>
												{t('prompts.withdraw')}
											</button>
										) : null}
									</li>
								))}
							</ul>
						</li>
					)
				})}
			</ul>
		</div>
	)
}
