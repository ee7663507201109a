import { useTranslation } from 'react-i18next'
import type { ConnectionState } from './docConnection.ts'

/** A small, always-visible pill: connected / reconnecting / offline, with a hint when offline. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
	const { t } = useTranslation()
	return (
		<div className={`connection-badge connection-badge--${state}`} role="status" aria-live="polite" data-state={state}>
			<span className="connection-badge__dot" aria-hidden="true" />
			<span>{t(`connection.${state}`)}</span>
			{state === 'offline' || state === 'reconnecting' ? <span className="connection-badge__hint">{t('connection.offlineHint')}</span> : null}
		</div>
	)
}
