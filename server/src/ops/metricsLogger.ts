import type { LogFields, Logger } from '../log.ts'
import { refusalKind, type ServerMetrics } from './serverMetrics.ts'

const TOO_MANY_MESSAGES = 4429

/**
 * Counts the events that the sync and report code already log (refused changes, 4429 cuts, PDF
 * renders) into the metrics, then passes every event on to `log` unchanged. The counting sits here,
 * beside the log, so the room and socket code stays free of metrics calls; the event names it
 * listens for are part of what server/test/metrics.test.ts checks.
 * It sees every event whatever LOG_LEVEL drops.
 */
export function metricsLogger(log: Logger, metrics: ServerMetrics): Logger {
	const observe = (event: string, fields: LogFields | undefined) => {
		switch (event) {
			case 'sync.update_refused':
				metrics.refusedChanges.inc({ reason: refusalKind(String(fields?.reason ?? '')) })
				break
			case 'sync.connection_refused':
				if (fields?.code === TOO_MANY_MESSAGES) {
					metrics.rateLimitCuts.inc({ kind: String(fields.reason ?? '').startsWith('queue bound') ? 'queue' : 'budget' })
				}
				break
			case 'sync.upgrade_refused':
				if (fields?.status === 429) metrics.rateLimitCuts.inc({ kind: 'cooldown' })
				break
			case 'report.pdf':
				if (typeof fields?.ms === 'number') metrics.pdfRenderSeconds.observe({ outcome: 'ok' }, fields.ms / 1000)
				break
		}
	}
	return {
		info(event, fields) {
			observe(event, fields)
			log.info(event, fields)
		},
		warn(event, fields) {
			observe(event, fields)
			log.warn(event, fields)
		},
		error(event, fields) {
			observe(event, fields)
			log.error(event, fields)
		},
	}
}
