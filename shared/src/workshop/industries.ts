/** Industry of a participating company; picks the business-flow template (brief §6.7). */
export const INDUSTRIES = ['MANUFACTURING', 'WHOLESALE', 'CONSTRUCTION', 'SERVICE', 'TRANSPORT', 'REAL_ESTATE', 'RESTAURANT', 'OTHER'] as const
export type Industry = (typeof INDUSTRIES)[number]
