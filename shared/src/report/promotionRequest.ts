import { z } from 'zod'

/**
 * `POST /api/workshops/:id/reports/:companyId/promotions`: what to promote into the company's
 * report — notes by id into one section, or the story chain a note belongs to. The server reads the
 * notes from the board itself (the client's copy is never trusted) and answers with the
 * `PromotionResult` once the report and the board's marks are stored.
 */
export const promotionRequestSchema = z.union([
	z.strictObject({ noteIds: z.array(z.string().min(1).max(100)).min(1).max(200), sectionId: z.string().min(1).max(60) }),
	z.strictObject({ chainOf: z.string().min(1).max(100) }),
])

export type PromotionRequest = z.infer<typeof promotionRequestSchema>
