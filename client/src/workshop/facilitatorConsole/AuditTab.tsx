import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '@mieruka/shared/workshop/auditModel'
import { auditApi } from '../../room/auditApi.ts'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'

/**
 * The audit trail (issue 21 §4): who did what and when in this workshop — the facilitator's and the
 * coordinator's actions and the operator's commands — newest first, with CSV/JSON downloads, and the
 * workshop itself as an archive file (without the bank's internal documents).
 */
export function AuditTab({ session, control }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const api = useMemo(() => auditApi(session.workshop.id, session.token), [session.workshop.id, session.token])
	const [events, setEvents] = useState<AuditEvent[] | null>(null)
	const refresh = () => run(() => api.events()).then((result) => result && setEvents(result))
	// A failed first load shows the server's message (not an empty trail).
	useEffect(() => {
		void run(() => api.events()).then((result) => result && setEvents(result))
	}, [api, run])

	const nameOf = (id: string | null, role: string) => {
		if (id === null) return t('auditTab.operator')
		return control.roster.find((person) => person.id === id)?.name ?? t(`role.${role}`, { defaultValue: role })
	}
	const targetOf = (event: AuditEvent) => {
		if (event.target === null) return ''
		const person = control.roster.find((entry) => entry.id === event.target)
		if (person) return person.name
		const company = session.workshop.companies.find((entry) => entry.id === event.target)
		return company?.name ?? event.target
	}
	const time = (iso: string) => new Date(iso).toLocaleString([], { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })

	return (
		<section className="side-section console-audit" aria-labelledby="audit-heading">
			<h2 id="audit-heading">{t('auditTab.title')}</h2>
			<p className="field-help">{t('auditTab.help')}</p>
			<div className="task-form">
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void refresh()}>
					{t('auditTab.refresh')}
				</button>
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void run(() => api.downloadEvents('csv')).then(refresh)}>
					{t('auditTab.exportCsv')}
				</button>
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void run(() => api.downloadEvents('json')).then(refresh)}>
					{t('auditTab.exportJson')}
				</button>
			</div>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			{events !== null && events.length === 0 ? <p className="empty">{t('auditTab.none')}</p> : null}
			<ol className="snapshot-list audit-list" aria-label={t('auditTab.title')}>
				{[...(events ?? [])].reverse().map((event) => (
					<li key={event.id} className="snapshot-row" data-audit-action={event.action}>
						<strong>{t(`auditTab.actions.${event.action}`, { defaultValue: event.action })}</strong>
						{event.target !== null ? <span> — {targetOf(event)}</span> : null}
						<span className="snapshot-row__meta">
							{time(event.at)}・{nameOf(event.actorId, event.actorRole)}
						</span>
					</li>
				))}
			</ol>
			<h3>{t('auditTab.exportWorkshopTitle')}</h3>
			<p className="field-help">{t('auditTab.exportWorkshopHelp')}</p>
			<button type="button" className="secondary-button" disabled={busy} onClick={() => void run(() => api.downloadWorkshop()).then(refresh)}>
				{t('auditTab.exportWorkshop')}
			</button>
		</section>
	)
}
