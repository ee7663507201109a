import type pg from 'pg'

/** Runs `work` on one pooled connection inside BEGIN … COMMIT (ROLLBACK when it throws). */
export async function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect()
	try {
		await client.query('BEGIN')
		const result = await work(client)
		await client.query('COMMIT')
		return result
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined)
		throw error
	} finally {
		client.release()
	}
}
