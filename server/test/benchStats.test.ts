import { describe, expect, it } from 'vitest'
import { ratioEstimate } from '../bench/stats.ts'

describe('ratioEstimate (pnpm bench: how far a per-pair ratio can be trusted)', () => {
	it('gives the geometric mean and no spread for identical pairs', () => {
		const estimate = ratioEstimate([1.2, 1.2, 1.2])
		expect(estimate.geometricMean).toBeCloseTo(1.2, 10)
		expect(estimate.low).toBeCloseTo(1.2, 10)
		expect(estimate.high).toBeCloseTo(1.2, 10)
	})

	it('treats 0.5× and 2× as cancelling out, with a wide interval from two pairs', () => {
		const estimate = ratioEstimate([0.5, 2])
		expect(estimate.geometricMean).toBeCloseTo(1, 10)
		// log ratios ±ln 2, sd = ln2·√2, t(1) = 12.706: the interval spans far beyond both pairs.
		expect(estimate.low).toBeLessThan(0.01)
		expect(estimate.high).toBeGreaterThan(100)
	})

	it('narrows as pairs agree: five pairs around 0.9× stay below 1.0×', () => {
		const estimate = ratioEstimate([0.88, 0.9, 0.92, 0.89, 0.91])
		expect(estimate.geometricMean).toBeCloseTo(0.9, 2)
		expect(estimate.low).toBeGreaterThan(0.87)
		expect(estimate.high).toBeLessThan(0.93)
	})

	it('has no interval from a single pair', () => {
		const estimate = ratioEstimate([1.1])
		expect(estimate.pairs).toBe(1)
		expect(estimate.geometricMean).toBeCloseTo(1.1, 10)
		expect(Number.isNaN(estimate.high)).toBe(true)
	})
})
