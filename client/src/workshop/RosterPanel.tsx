import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ASSIGNABLE_ROLES } from '@mieruka/shared/workshop/roles'
import type { Handover, ParticipantView, Session } from '@mieruka/shared/workshop/workshopModel'
import { api } from '../api/apiClient.ts'
import { errorText } from '../ui/errorText.ts'
import { QrCode } from './QrCode.tsx'

/**
 * Who joined, by company, live: the facilitator renames, changes a role (e.g. makes someone
 * COMPANY_OWNER or the bank's BANK_COORDINATOR), removes a person, admits people waiting in the
 * lobby into a company, and hands a person's identity over to their new phone (a one-time link).
 */
export function RosterPanel({ session, roster }: { session: Session; roster: ParticipantView[] }) {
	const { t } = useTranslation()
	const [error, setError] = useState<string | null>(null)
	const [handover, setHandover] = useState<(Handover & { participantId: string }) | null>(null)
	const run = async (action: () => Promise<unknown>) => {
		setError(null)
		try {
			await action()
		} catch (caught) {
			setError(errorText(t, caught))
		}
	}
	const present = roster.filter((p) => !p.revoked && p.role !== 'PROJECTOR' && !p.pending)
	const waiting = roster.filter((p) => !p.revoked && p.pending)
	const groups = [
		{ key: 'staff', title: t('roster.facilitation'), members: present.filter((p) => p.companyId === null) },
		...session.workshop.companies.map((company) => ({
			key: company.id,
			title: company.name,
			members: present.filter((p) => p.companyId === company.id),
		})),
	]
	return (
		<section className="side-section" aria-labelledby="roster-heading">
			<h2 id="roster-heading">
				{t('roster.title')} <span className="count">{present.length}</span>
			</h2>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			{waiting.length > 0 ? (
				<div className="roster-group">
					<h3>{t('roster.lobby')}</h3>
					<ul className="roster-list">
						{waiting.map((person) => (
							<LobbyRow key={person.id} person={person} session={session} run={run} />
						))}
					</ul>
				</div>
			) : null}
			{handover ? (
				<div className="handover-box" role="status" data-testid="handover-link">
					<QrCode url={handover.url} size={120} label={t('roster.handoverQr')} />
					<div>
						<p>{t('roster.handoverHelp', { name: roster.find((p) => p.id === handover.participantId)?.name ?? '' })}</p>
						<code className="created__url">{handover.url}</code>
						<button type="button" className="link-button" onClick={() => setHandover(null)}>
							{t('roster.handoverDone')}
						</button>
					</div>
				</div>
			) : null}
			{groups.map((group) => (
				<div key={group.key} className="roster-group">
					<h3>{group.title}</h3>
					{group.members.length === 0 ? <p className="empty">{t('roster.nobody')}</p> : null}
					<ul className="roster-list">
						{group.members.map((person) => (
							<li key={person.id} className="roster-row" data-participant-id={person.id}>
								<span className="board-chrome__swatch" style={{ background: person.color }} aria-hidden="true" />
								<span className="roster-row__name">{person.name}</span>
								{person.role === 'FACILITATOR' ? (
									<span className="tag">{t('role.FACILITATOR')}</span>
								) : (
									<>
										<select
											aria-label={t('roster.role', { name: person.name })}
											value={person.role}
											onChange={(event) => void run(() => api.updateParticipant(session.workshop.id, person.id, { role: event.target.value }, session.token))}
										>
											{ASSIGNABLE_ROLES.map((role) => (
												<option key={role} value={role}>
													{t(`role.${role}`)}
												</option>
											))}
										</select>
										<button
											type="button"
											className="link-button"
											onClick={() => {
												const name = window.prompt(t('roster.renamePrompt'), person.name)?.trim()
												if (name) void run(() => api.updateParticipant(session.workshop.id, person.id, { name }, session.token))
											}}
										>
											{t('roster.rename')}
										</button>
										{session.workshop.status === 'closed' ? null : (
											<button
												type="button"
												className="link-button"
												onClick={() =>
													void run(async () =>
														setHandover({ ...(await api.handoverLink(session.workshop.id, person.id, session.token)), participantId: person.id })
													)
												}
											>
												{t('roster.handover')}
											</button>
										)}
										<button
											type="button"
											className="link-button link-button--danger"
											onClick={() =>
												window.confirm(t('roster.confirmRevoke', { name: person.name })) &&
												void run(() => api.revokeParticipant(session.workshop.id, person.id, session.token))
											}
										>
											{t('roster.revoke')}
										</button>
									</>
								)}
							</li>
						))}
					</ul>
				</div>
			))}
		</section>
	)
}

/** A person who joined with the lobby code: the facilitator picks their company and role, then admits them. */
function LobbyRow({ person, session, run }: { person: ParticipantView; session: Session; run: (action: () => Promise<unknown>) => Promise<void> }) {
	const { t } = useTranslation()
	const [companyId, setCompanyId] = useState(session.workshop.companies[0]?.id ?? '')
	const [role, setRole] = useState<string>('COMPANY_MEMBER')
	return (
		<li className="roster-row roster-row--pending" data-participant-id={person.id}>
			<span className="roster-row__name">{person.name}</span>
			<select aria-label={t('roster.admitCompany', { name: person.name })} value={companyId} onChange={(event) => setCompanyId(event.target.value)}>
				{session.workshop.companies.map((company) => (
					<option key={company.id} value={company.id}>
						{company.name}
					</option>
				))}
			</select>
			<select aria-label={t('roster.role', { name: person.name })} value={role} onChange={(event) => setRole(event.target.value)}>
				{(['COMPANY_MEMBER', 'COMPANY_OWNER', 'BANK_OFFICER', 'OBSERVER'] as const).map((option) => (
					<option key={option} value={option}>
						{t(`role.${option}`)}
					</option>
				))}
			</select>
			<button
				type="button"
				className="secondary-button"
				onClick={() =>
					void run(() =>
						api.updateParticipant(session.workshop.id, person.id, { admit: true, role, companyId: role === 'OBSERVER' ? null : companyId }, session.token)
					)
				}
			>
				{t('roster.admit')}
			</button>
		</li>
	)
}
