import { useEffect, useState } from 'react'
import type { ConsoleApi } from './consoleApi.ts'

/**
 * How far this device's clock is from the server's (server − device, ms), so a countdown stored as
 * the server's end time shows the same seconds on a phone whose clock is wrong. Measured like NTP:
 * a few round trips, keeping the one with the shortest round trip (its midpoint is the most exact).
 * Until measured (or offline) the offset is 0.
 */
export function useServerClock(api: Pick<ConsoleApi, 'clock'>): number {
	const [offset, setOffset] = useState(0)
	useEffect(() => {
		let cancelled = false
		void (async () => {
			let best: { rtt: number; offset: number } | null = null
			for (let i = 0; i < 3 && !cancelled; i++) {
				try {
					const sent = Date.now()
					const { now } = await api.clock()
					const received = Date.now()
					const sample = { rtt: received - sent, offset: now - (sent + received) / 2 }
					if (!best || sample.rtt < best.rtt) best = sample
				} catch {
					return
				}
			}
			if (!cancelled && best) setOffset(Math.round(best.offset))
		})()
		return () => {
			cancelled = true
		}
	}, [api])
	return offset
}

/** Now on the server's clock, re-rendering every `intervalMs` while `active`. */
export function useServerNow(offset: number, active: boolean, intervalMs = 250): number {
	const [now, setNow] = useState(() => Date.now() + offset)
	useEffect(() => {
		setNow(Date.now() + offset)
		if (!active) return
		const timer = setInterval(() => setNow(Date.now() + offset), intervalMs)
		return () => clearInterval(timer)
	}, [offset, active, intervalMs])
	return now
}
