import type { TFunction } from 'i18next'
import { ApiError } from '../api/apiClient.ts'

/** A sentence for a failed API call, in the page's language. */
export function errorText(t: TFunction, error: unknown): string {
	if (error instanceof ApiError) {
		if (error.status === 0) return t('errors.network')
		const key = `errors.${error.code}`
		const text = t(key)
		return text === key ? t('errors.unknown', { status: error.status }) : text
	}
	return t('errors.unknown', { status: '?' })
}
