import type { PromotionRequest } from '@mieruka/shared/report/promotionRequest'
import type { PromotionResult } from '@mieruka/shared/report/reportPromotion'
import { answer, apiClient, pathParams } from '../../../api/apiClient.ts'

/**
 * 「レポートへ」 from the board: the server reads the notes (or the story chain of one) from the board,
 * writes them into the company's report — idempotent, so promoting twice adds nothing — and marks
 * them on the board; it answers once both are stored (the marks reach this board through its sync).
 * A refusal or a lost connection rejects with the server's error (`ApiError`).
 */
export async function promoteToReport(target: { workshopId: string; companyId: string; token: string }, request: PromotionRequest): Promise<PromotionResult> {
	const routes = apiClient(target.token).workshops[':id'].reports[':companyId']
	return (await answer(
		routes.promotions.$post({ param: pathParams({ id: target.workshopId, companyId: target.companyId }), json: request })
	)) as PromotionResult
}
