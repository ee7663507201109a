import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { consoleApi } from '../../room/consoleApi.ts'
import type { ControlState } from '../../room/useControlState.ts'
import type { DeskState } from '../../room/useDeskState.ts'
import { useServerClock } from '../../room/useServerClock.ts'
import '../../ui/console.css'
import { AgendaTab } from './AgendaTab.tsx'
import { AuditTab } from './AuditTab.tsx'
import { PromptsTab } from './PromptsTab.tsx'
import { RoomTab } from './RoomTab.tsx'
import { SnapshotsTab } from './SnapshotsTab.tsx'

const TABS = ['people', 'prompts', 'agenda', 'room', 'snapshots', 'audit'] as const
type Tab = (typeof TABS)[number]

/**
 * The facilitator console in the side panel: participants and codes (the page's own panels, given
 * as children), prompts, the session agenda with its cards and interval tasks, room controls and
 * snapshots. Everything it shows comes live from the control document (the page's one connection
 * to it, given as `control`) and the desk (`desk`, likewise); every action is an RPC.
 */
export function ConsoleTabs({ session, control, desk, children }: { session: Session; control: ControlState; desk: DeskState; children: ReactNode }) {
	const { t } = useTranslation()
	const [tab, setTab] = useState<Tab>('people')
	const api = useMemo(() => consoleApi(session.workshop.id, session.token), [session.workshop.id, session.token])
	const clockOffset = useServerClock(api)
	const waiting = desk.assignments.filter((a) => a.state !== 'done').length
	const props = { session, control, desk, api, clockOffset }
	// The tab list as WAI-ARIA describes it: one Tab stop; arrows, Home and End choose and focus a tab.
	const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
		const index = TABS.indexOf(tab)
		const next =
			event.key === 'ArrowRight'
				? TABS[(index + 1) % TABS.length]
				: event.key === 'ArrowLeft'
					? TABS[(index + TABS.length - 1) % TABS.length]
					: event.key === 'Home'
						? TABS[0]
						: event.key === 'End'
							? TABS[TABS.length - 1]
							: null
		if (!next) return
		event.preventDefault()
		setTab(next)
		document.getElementById(`console-tab-${next}`)?.focus()
	}
	return (
		<div className="console">
			<div className="console-tabs" role="tablist" aria-label={t('console.title')}>
				{TABS.map((key) => (
					<button
						key={key}
						type="button"
						role="tab"
						id={`console-tab-${key}`}
						aria-selected={tab === key}
						aria-controls={`console-panel-${key}`}
						tabIndex={tab === key ? 0 : -1}
						className="console-tabs__tab"
						onClick={() => setTab(key)}
						onKeyDown={onTabKey}
					>
						{t(`console.tabs.${key}`)}
						{key === 'prompts' && waiting > 0 ? <span className="count">{waiting}</span> : null}
						{key === 'room' && (control.room.timer || control.room.privateMode) ? <span className="console-tabs__dot" aria-hidden="true" /> : null}
					</button>
				))}
			</div>
			<div role="tabpanel" id={`console-panel-${tab}`} aria-labelledby={`console-tab-${tab}`} className="console-panel">
				{tab === 'people' ? children : null}
				{tab === 'prompts' ? <PromptsTab {...props} /> : null}
				{tab === 'agenda' ? <AgendaTab {...props} /> : null}
				{tab === 'room' ? <RoomTab {...props} /> : null}
				{tab === 'snapshots' ? <SnapshotsTab {...props} /> : null}
				{tab === 'audit' ? <AuditTab {...props} /> : null}
			</div>
		</div>
	)
}
