import { RUNTIME_CONFIG_ELEMENT_ID, parseRuntimeConfig, type ClientRuntimeConfig } from '@mieruka/shared/runtimeConfig'

export function readRuntimeConfig(): ClientRuntimeConfig {
	return parseRuntimeConfig(document.getElementById(RUNTIME_CONFIG_ELEMENT_ID)?.textContent)
}
