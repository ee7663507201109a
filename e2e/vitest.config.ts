import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['support/buildClient.ts'],
		testTimeout: 90_000,
		hookTimeout: 60_000,
		// Each file runs its own server and browser; two cores cannot run several at once reliably.
		fileParallelism: false,
	},
})
