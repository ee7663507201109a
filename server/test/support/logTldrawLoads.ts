// Loaded with `node --import` by serverHarness.test.ts: prints a line for every module of tldraw's
// schema packages (tlschema, store, validate: ~30 MB once loaded) the process loads, so a test can
// tell whether start-up pulled them in. (@tldraw/utils, a small helper library the board layout
// uses for fractional indices, is not counted.)
import { registerHooks } from 'node:module'

registerHooks({
	load(url, context, nextLoad) {
		if (/\/@tldraw\/(?:tlschema|store|validate)\//.test(url)) process.stdout.write(`module.tldraw ${url}\n`)
		return nextLoad(url, context)
	},
})
