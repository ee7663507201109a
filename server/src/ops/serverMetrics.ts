import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Where a sync message went: from a client to the server, or from the server to a client. */
export type SyncDirection = 'in' | 'out'
/** A y-websocket message: document sync (steps and updates) or presence. */
export type SyncKind = 'sync' | 'awareness'

/**
 * Every metric the server exports at `GET /metrics` (Prometheus text format, prom-client), in one
 * registry of its own (a test can run several servers in one process). The list with meanings is in
 * server/docs/operations.md (Monitoring); the names never change once released.
 */
export class ServerMetrics {
	readonly registry = new Registry()
	readonly syncMessages: Counter<'direction' | 'kind'>
	readonly syncBytes: Counter<'direction' | 'kind'>
	readonly updatesPersisted: Counter
	readonly updateBytesPersisted: Counter
	readonly persistSeconds: Histogram<'operation'>
	readonly refusedChanges: Counter<'reason'>
	readonly rateLimitCuts: Counter<'kind'>
	readonly pdfRenderSeconds: Histogram<'outcome'>
	readonly httpRequests: Counter<'method' | 'status'>

	constructor(sources: { rooms: () => number; sockets: () => number }) {
		const registry = this.registry
		collectDefaultMetrics({ register: registry, prefix: 'mieruka_' })
		new Gauge({
			name: 'mieruka_rooms',
			help: 'Documents loaded in memory (rooms)',
			registers: [registry],
			collect() {
				this.set(sources.rooms())
			},
		})
		new Gauge({
			name: 'mieruka_sockets',
			help: 'Open sync WebSockets',
			registers: [registry],
			collect() {
				this.set(sources.sockets())
			},
		})
		this.syncMessages = new Counter({
			name: 'mieruka_sync_messages_total',
			help: 'y-websocket messages, by direction (in: from clients, out: to clients) and kind (sync: document steps and updates, awareness: presence)',
			labelNames: ['direction', 'kind'],
			registers: [registry],
		})
		this.syncBytes = new Counter({
			name: 'mieruka_sync_bytes_total',
			help: 'Bytes of y-websocket messages, by direction and kind',
			labelNames: ['direction', 'kind'],
			registers: [registry],
		})
		this.updatesPersisted = new Counter({
			name: 'mieruka_updates_persisted_total',
			help: 'Document updates made durable (journal appends)',
			registers: [registry],
		})
		this.updateBytesPersisted = new Counter({
			name: 'mieruka_update_bytes_persisted_total',
			help: 'Bytes of document updates made durable',
			registers: [registry],
		})
		this.persistSeconds = new Histogram({
			name: 'mieruka_persist_seconds',
			help: 'Time the store took, by operation (append: the durable write an update waits for before it is relayed; compact; load)',
			labelNames: ['operation'],
			buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
			registers: [registry],
		})
		this.refusedChanges = new Counter({
			name: 'mieruka_refused_changes_total',
			help: 'Document changes the server refused (the writer is closed with 4403/4413), by reason',
			labelNames: ['reason'],
			registers: [registry],
		})
		this.rateLimitCuts = new Counter({
			name: 'mieruka_rate_limit_cuts_total',
			help: 'Sockets cut with 4429 (kind budget: over the per-socket message budget; queue: too much waiting in a room) and upgrades refused with 429 during the cool-down (kind cooldown)',
			labelNames: ['kind'],
			registers: [registry],
		})
		this.pdfRenderSeconds = new Histogram({
			name: 'mieruka_pdf_render_seconds',
			help: 'Time to render a report PDF in headless Chromium',
			labelNames: ['outcome'],
			buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
			registers: [registry],
		})
		this.httpRequests = new Counter({
			name: 'mieruka_http_requests_total',
			help: 'HTTP requests answered, by method and status',
			labelNames: ['method', 'status'],
			registers: [registry],
		})
		for (const direction of ['in', 'out'] as const) {
			for (const kind of ['sync', 'awareness'] as const) {
				this.syncMessages.inc({ direction, kind }, 0)
				this.syncBytes.inc({ direction, kind }, 0)
			}
		}
		for (const kind of ['budget', 'queue', 'cooldown']) this.rateLimitCuts.inc({ kind }, 0)
	}

	/** One y-websocket message (its first byte says the kind: 1 is awareness). */
	countMessage(direction: SyncDirection, message: Uint8Array): void {
		const kind: SyncKind = message[0] === 1 ? 'awareness' : 'sync'
		this.syncMessages.inc({ direction, kind })
		this.syncBytes.inc({ direction, kind }, message.length)
	}

	async text(): Promise<string> {
		return this.registry.metrics()
	}

	get contentType(): string {
		return this.registry.contentType
	}
}

/**
 * The reason of a refused change as a label with few values (the log line keeps the detail, with the
 * record ids that a label must not carry).
 */
export function refusalKind(reason: string): string {
	if (reason.startsWith('document full')) return 'document_full'
	if (reason.startsWith('writes under client id')) return 'foreign_client_id'
	if (reason.includes('history the server does not have')) return 'missing_history'
	if (/locked record|locks record/.test(reason)) return 'locked'
	if (/another company|not the writer's own|names another author|another person's/.test(reason)) return 'not_own'
	if (/bank/.test(reason)) return 'bank_fields'
	if (/schema|board meta/.test(reason)) return 'schema'
	if (/outside the (board|report) layout|content into|collected|records list|malformed record|report\./.test(reason)) return 'layout'
	if (/^record |^only notes|^changes |^note /.test(reason)) return 'record_rule'
	return 'other'
}
