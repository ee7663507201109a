import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ASSIGNABLE_ROLES } from '@mieruka/shared/workshop/roles'
import type { ParticipantView, Session } from '@mieruka/shared/workshop/workshopModel'
import { api } from '../api/apiClient.ts'
import { errorText } from '../ui/errorText.ts'

/**
 * Who joined, by company, live: the facilitator renames, changes a role (e.g. makes someone
 * COMPANY_OWNER or the bank's BANK_COORDINATOR) or removes a person.
 */
export function RosterPanel({ session, roster }: { session: Session; roster: ParticipantView[] }) {
	const { t } = useTranslation()
	const [error, setError] = useState<string | null>(null)
	const run = async (action: () => Promise<unknown>) => {
		setError(null)
		try {
			await action()
		} catch (caught) {
			setError(errorText(t, caught))
		}
	}
	const present = roster.filter((p) => !p.revoked && p.role !== 'PROJECTOR')
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
			{error ? <p className="field-error" role="alert">{error}</p> : null}
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
											onChange={(event) =>
												void run(() => api.updateParticipant(session.workshop.id, person.id, { role: event.target.value }, session.token))
											}
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
