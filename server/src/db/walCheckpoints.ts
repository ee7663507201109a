import type { DatabaseSync } from 'node:sqlite'
import { errorMessage, type Logger } from '../log.ts'

/** How often the write-ahead log is copied back into the database file. */
export const WAL_CHECKPOINT_INTERVAL_MS = 1_000

/**
 * Checkpoints the WAL on a timer, between messages, instead of leaving it to SQLite.
 *
 * SQLite's automatic checkpoint runs inside whichever commit makes the WAL pass 1,000 pages, and
 * everything else on the event loop waits for the copy and its two fsyncs: 5–7 ms every ~10 s in
 * one busy room when each update was its own commit (`pnpm bench`, workload 1), longer with many
 * rooms. Updates now reach SQLite in one batch a second (see SqliteDocStore), but compactions and
 * workshop writes still commit on their own. Done from a timer every second, the copy stays small
 * (p50 1.3 ms) and never sits inside a commit. The automatic checkpoint stays on as a backstop for
 * bursts that fill 1,000 pages within a second.
 */
export function startWalCheckpoints(db: DatabaseSync, log: Logger, intervalMs = WAL_CHECKPOINT_INTERVAL_MS): () => void {
	const timer = setInterval(() => {
		if (!db.isOpen) return
		try {
			db.exec('PRAGMA wal_checkpoint(PASSIVE)')
		} catch (error) {
			// Nothing is lost (the WAL keeps every commit); the next tick or SQLite's own checkpoint retries.
			log.error('db.checkpoint_failed', { reason: errorMessage(error) })
		}
	}, intervalMs)
	timer.unref()
	return () => clearInterval(timer)
}
