import { readFileSync } from 'node:fs'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/** The server's version, as reported by `GET /healthz`. */
export const SERVER_VERSION: string = manifest.version
