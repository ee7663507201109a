import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVICE_SECRET_PATTERN } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'

/**
 * `GET /api/docs`: the OpenAPI reference, generated from the routes and the same zod schemas that
 * validate the requests (server/src/http/apiDocs.ts), from a real server process.
 */

interface OpenApiDocument {
	openapi: string
	paths: Record<
		string,
		Record<
			string,
			{ requestBody?: { content: Record<string, { schema: { properties: Record<string, { pattern?: string }> } }> }; responses: Record<string, unknown> }
		>
	>
	components: { schemas: Record<string, unknown> }
}

let server: ServerProcess

beforeAll(async () => {
	server = await startServerProcess()
})

afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

describe('the API reference', () => {
	it('is served without a token as OpenAPI 3.1 JSON', async () => {
		const response = await fetch(`${server.httpUrl}/api/docs`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toMatch(/^application\/json/)
		const doc = (await response.json()) as OpenApiDocument
		expect(doc.openapi).toBe('3.1.0')
	})

	it('lists the routes of every API router with their methods, and no catch-all', async () => {
		const doc = (await (await fetch(`${server.httpUrl}/api/docs`)).json()) as OpenApiDocument
		expect(Object.keys(doc.paths['/join'] ?? {})).toEqual(['post'])
		expect(Object.keys(doc.paths['/workshops/{id}/participants/{participantId}'] ?? {}).sort()).toEqual(['delete', 'patch'])
		expect(Object.keys(doc.paths['/workshops/{id}/console/vote/dots'] ?? {})).toEqual(['post'])
		expect(Object.keys(doc.paths['/workshops/{id}/reports/{companyId}/report.json'] ?? {}).sort()).toEqual(['get', 'put'])
		expect(Object.keys(doc.paths).filter((path) => path.includes('*'))).toEqual([])
	})

	it('describes a request body by the shared zod schema that validates it, and refusals by the one error shape', async () => {
		const doc = (await (await fetch(`${server.httpUrl}/api/docs`)).json()) as OpenApiDocument
		const join = doc.paths['/join']!.post!
		const schema = join.requestBody!.content['application/json']!.schema
		expect(Object.keys(schema.properties).sort()).toEqual(['code', 'deviceSecret', 'name'])
		expect(schema.properties.deviceSecret!.pattern).toBe(DEVICE_SECRET_PATTERN.source)
		expect(join.responses['400']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
		expect(doc.components.schemas.Error).toMatchObject({ required: ['error'] })
	})
})
