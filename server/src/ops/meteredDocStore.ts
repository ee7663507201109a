import type { DocStore } from '../storage/docStore.ts'
import type { ServerMetrics } from './serverMetrics.ts'

/**
 * A DocStore that times every call of the store it wraps (`mieruka_persist_seconds`) and counts the
 * updates made durable. The sync code sees the same interface; nothing else changes.
 */
export class MeteredDocStore implements DocStore {
	private readonly inner: DocStore
	private readonly metrics: ServerMetrics

	constructor(inner: DocStore, metrics: ServerMetrics) {
		this.inner = inner
		this.metrics = metrics
	}

	async load(docId: string): Promise<Uint8Array[]> {
		return this.timed('load', () => this.inner.load(docId))
	}

	async append(docId: string, update: Uint8Array): Promise<void> {
		await this.timed('append', () => this.inner.append(docId, update))
		this.metrics.updatesPersisted.inc()
		this.metrics.updateBytesPersisted.inc(update.length)
	}

	async compact(docId: string, snapshot: Uint8Array): Promise<void> {
		await this.timed('compact', () => this.inner.compact(docId, snapshot))
	}

	async close(): Promise<void> {
		await this.inner.close()
	}

	private async timed<T>(operation: string, run: () => Promise<T>): Promise<T> {
		const end = this.metrics.persistSeconds.startTimer({ operation })
		try {
			return await run()
		} finally {
			end()
		}
	}
}
