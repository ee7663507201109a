/** Industry of a participating company; picks the business-flow template (brief §6.7). */
export const INDUSTRIES = [
	'MANUFACTURING',
	'WHOLESALE',
	'CONSTRUCTION',
	'SERVICE',
	'TRANSPORT',
	'REAL_ESTATE',
	'RESTAURANT',
	'OTHER',
] as const
export type Industry = (typeof INDUSTRIES)[number]

export const INDUSTRY_LABELS: Record<Industry, { ja: string; en: string }> = {
	MANUFACTURING: { ja: '製造業', en: 'Manufacturing' },
	WHOLESALE: { ja: '卸売業', en: 'Wholesale' },
	CONSTRUCTION: { ja: '建設業', en: 'Construction' },
	SERVICE: { ja: 'サービス業', en: 'Services' },
	TRANSPORT: { ja: '運輸業', en: 'Transport' },
	REAL_ESTATE: { ja: '不動産業', en: 'Real estate' },
	RESTAURANT: { ja: '飲食店', en: 'Restaurant' },
	OTHER: { ja: 'その他', en: 'Other' },
}
