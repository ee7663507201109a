import { describe, expect, it } from 'vitest'
import { createWorkshopBoardRecords, localizedAreaName } from '../../src/workshop/boardLayout.ts'
import { SHARED_FRAME_ID, companyFrameId } from '../../src/workshop/frameIds.ts'

const frame = companyFrameId('c1')

describe('the generated area names in the viewer’s language', () => {
	it('the server writes Japanese names; the board shows them in English for an English viewer', () => {
		const records = createWorkshopBoardRecords([{ id: 'c1', name: '株式会社ささめ精工' }])
		const names = Object.fromEntries(
			records.filter((record) => record.typeName === 'shape').map((record) => [record.id, (record as { props: { name: string } }).props.name])
		)
		expect(names[frame]).toBe('株式会社ささめ精工のエリア')
		expect(names[SHARED_FRAME_ID]).toBe('共有エリア')
		expect(localizedAreaName(frame, names[frame]!, 'en')).toBe('株式会社ささめ精工 area')
		expect(localizedAreaName(SHARED_FRAME_ID, names[SHARED_FRAME_ID]!, 'en')).toBe('Shared area')
		expect(localizedAreaName(frame, '株式会社ささめ精工 area', 'ja')).toBe('株式会社ささめ精工のエリア')
	})

	it('draws a name already in the viewer’s language, a renamed area and any other frame as stored (null)', () => {
		expect(localizedAreaName(frame, '株式会社ささめ精工のエリア', 'ja')).toBeNull()
		expect(localizedAreaName(frame, '第2工場', 'en')).toBeNull()
		expect(localizedAreaName(SHARED_FRAME_ID, '全体まとめ', 'en')).toBeNull()
		expect(localizedAreaName('shape:some-frame', '共有エリア', 'en')).toBeNull()
	})
})
