/** Test helpers other packages (the browser tests) use to run a real server and real clients. */
export * from './serverProcess.ts'
export * from './yjsClients.ts'
export * from './quietPeriod.ts'
