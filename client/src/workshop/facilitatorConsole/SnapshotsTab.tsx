import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NoteChange, SnapshotComparison, SnapshotInfo } from '@mieruka/shared/workshop/consoleModel'
import { archiveUrl } from '../archiveUrl.ts'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'

/**
 * Session snapshots: save the board and reports now (「第2回終了時点」), open one read-only,
 * compare it with now (notes added, changed, removed, promoted), restore it as a new board.
 */
export function SnapshotsTab({ session, control, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const [snapshots, setSnapshots] = useState<SnapshotInfo[]>([])
	const [label, setLabel] = useState('')
	const [comparison, setComparison] = useState<SnapshotComparison | null>(null)
	const current = control.room.session
	const suggested = current ? t('snapshotsTab.suggested', { session: t(`session.${current.code}`) }) : t('snapshotsTab.suggestedNow')
	const refresh = () => run(() => api.snapshots()).then((result) => result && setSnapshots(result.snapshots))
	useEffect(() => {
		void run(() => api.snapshots()).then((result) => result && setSnapshots(result.snapshots))
	}, [api, run])

	const save = async () => {
		if (await run(() => api.saveSnapshot(label.trim() || suggested))) {
			setLabel('')
			await refresh()
		}
	}
	const open = async (id: string) => {
		// Opened synchronously so the browser does not block it as a pop-up, then pointed at the snapshot.
		const tab = window.open('', '_blank')
		const opened = await run(() => api.openSnapshot(id))
		if (opened && tab) tab.location.href = archiveUrl(opened.docId)
		else tab?.close()
	}
	const restore = async (id: string) => {
		if (await run(() => api.restoreSnapshot(id))) await refresh()
	}
	const time = (iso: string) => new Date(iso).toLocaleString([], { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })

	return (
		<section className="side-section console-snapshots" aria-labelledby="snapshots-heading">
			<h2 id="snapshots-heading">{t('snapshotsTab.title')}</h2>
			<div className="task-form">
				<input
					className="text-input"
					aria-label={t('snapshotsTab.label')}
					placeholder={suggested}
					value={label}
					maxLength={60}
					onChange={(e) => setLabel(e.target.value)}
				/>
				<button type="button" className="primary-button" disabled={busy} onClick={() => void save()}>
					{t('snapshotsTab.save')}
				</button>
			</div>
			{snapshots.length === 0 ? <p className="empty">{t('snapshotsTab.none')}</p> : null}
			<ul className="snapshot-list">
				{[...snapshots].reverse().map((snapshot) => (
					<li key={snapshot.id} className="snapshot-row" data-snapshot-id={snapshot.id}>
						<div>
							<strong>{snapshot.label}</strong>
							<span className="snapshot-row__meta">
								{time(snapshot.createdAt)}・{t('snapshotsTab.notes', { count: snapshot.notes })}
							</span>
						</div>
						<div className="console-actions console-actions--small">
							<button type="button" className="chip" onClick={() => void open(snapshot.id)}>
								{t('snapshotsTab.open')}
							</button>
							<button type="button" className="chip" onClick={() => void run(() => api.compareSnapshot(snapshot.id)).then((c) => c && setComparison(c))}>
								{t('snapshotsTab.compare')}
							</button>
							<button type="button" className="chip" onClick={() => void restore(snapshot.id)}>
								{t('snapshotsTab.restore')}
							</button>
						</div>
						{snapshot.restored.length > 0 ? (
							<ul className="snapshot-row__restored">
								{snapshot.restored.map((docId, i) => (
									<li key={docId}>
										<a href={archiveUrl(docId)} target="_blank" rel="noreferrer">
											{t('snapshotsTab.restoredBoard', { number: i + 1 })}
										</a>
									</li>
								))}
							</ul>
						) : null}
					</li>
				))}
			</ul>
			{comparison ? (
				<ComparisonView
					comparison={comparison}
					companyName={(id) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''}
					onClose={() => setComparison(null)}
				/>
			) : null}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}

function ComparisonView({ comparison, companyName, onClose }: { comparison: SnapshotComparison; companyName: (id: string | null) => string; onClose(): void }) {
	const { t } = useTranslation()
	const groups: { key: 'added' | 'changed' | 'removed' | 'promoted'; items: NoteChange[] }[] = [
		{ key: 'added', items: comparison.added },
		{ key: 'changed', items: comparison.changed },
		{ key: 'removed', items: comparison.removed },
		{ key: 'promoted', items: comparison.promoted },
	]
	return (
		<div className="comparison" data-testid="snapshot-comparison">
			<header className="side-panel__header">
				<h3>{t('snapshotsTab.comparedWith', { label: comparison.snapshot.label })}</h3>
				<button type="button" className="link-button" onClick={onClose}>
					{t('facilitator.close')}
				</button>
			</header>
			{groups.map(({ key, items }) => (
				<div key={key} className={`comparison__group comparison__group--${key}`}>
					<h4>
						{t(`snapshotsTab.${key}`)} <span className="count">{items.length}</span>
					</h4>
					<ul>
						{items.map((item) => (
							<li key={item.id}>
								{key === 'changed' && item.before !== null ? (
									<>
										<s>{item.before}</s> → {item.text}
									</>
								) : (
									item.text || '—'
								)}
								{item.companyId ? <span className="comparison__company">{companyName(item.companyId)}</span> : null}
							</li>
						))}
					</ul>
				</div>
			))}
		</div>
	)
}
