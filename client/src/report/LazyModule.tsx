import { useEffect, useState, type ReactNode } from 'react'

const loaded = new Map<() => Promise<unknown>, unknown>()

/**
 * Loads a page's chunk, then renders it — without React.lazy and Suspense: once a Suspense
 * boundary has shown its fallback, React holds the page back for up to 300 ms (its fallback
 * throttle) even when the chunk arrived sooner. The report pages use this for their < 1 s budget.
 */
export function LazyModule<M>({
	load,
	fallback,
	failed,
	children,
}: {
	load: () => Promise<M>
	fallback: ReactNode
	failed: ReactNode
	children: (module: M) => ReactNode
}) {
	const [module, setModule] = useState<M | null>(() => (loaded.get(load) as M | undefined) ?? null)
	const [error, setError] = useState(false)
	useEffect(() => {
		if (module) return
		let live = true
		load().then(
			(result) => {
				loaded.set(load, result)
				if (live) setModule(() => result)
			},
			() => live && setError(true)
		)
		return () => {
			live = false
		}
	}, [load, module])
	if (module) return <>{children(module)}</>
	return <>{error ? failed : fallback}</>
}
