import { z } from 'zod'
import { INDUSTRIES, type Industry } from '../workshop/industries.ts'
import { SESSION_CODES, type SessionCode } from '../workshop/sessions.ts'

/**
 * The code lists of the domain brief (§1.1, §1.3, §2.2, §4.1–4.3, §5, §6) that notes, story links
 * and templates use — the one place they are defined. Each list is an `as const` array (the order is
 * the display order), a union type derived from it, a zod enum, and `{ ja, en }` labels, with
 * `short` labels for chips where the full label is long. Codes are stable data; labels may change.
 *
 * The zod enums are marked pure, so a bundle that only needs codes and labels (the phone page)
 * leaves zod out.
 */

/** A human-readable name in both working languages. */
export interface Label {
	ja: string
	en: string
}

/** A code's label; `short` is for chips and tight spaces when the full label is long. */
export interface CodeLabel extends Label {
	short?: Label
}

export type Lang = keyof Label

/** The label of a code in one language; `short` picks the chip label when there is one. */
export function labelOf<C extends string>(labels: Readonly<Record<C, CodeLabel>>, code: C, lang: Lang = 'ja', variant: 'full' | 'short' = 'full'): string {
	const label = labels[code]
	return variant === 'short' && label.short ? label.short[lang] : label[lang]
}

/** Every code's label in one language, as a UI catalogue section (the i18n catalogues take these, not copies). */
export function labelsIn<C extends string>(labels: Readonly<Record<C, CodeLabel>>, lang: Lang, variant: 'full' | 'short' = 'full'): Record<C, string> {
	return Object.fromEntries(Object.keys(labels).map((code) => [code, labelOf(labels, code as C, lang, variant)])) as Record<C, string>
}

/** A type guard for a code list (for values read from Yjs, URLs or JSON). */
export function isCode<const C extends string>(codes: readonly C[], value: unknown): value is C {
	return typeof value === 'string' && (codes as readonly string[]).includes(value)
}

// ── Roles (§1.1) ─────────────────────────────────────────────────────────────

/** Who wrote a note. The workshop's participant roles minus the projector, which never writes. */
export const ROLES = ['FACILITATOR', 'BANK_COORDINATOR', 'BANK_OFFICER', 'COMPANY_OWNER', 'COMPANY_MEMBER', 'OBSERVER'] as const
export type Role = (typeof ROLES)[number]
export const roleSchema = /* @__PURE__ */ z.enum(ROLES)
/**
 * The words for a role, everywhere: the roster, a phone's header, the console (through the i18n
 * catalogues' `role` section, built from these) and a note's author chip (`short`). The brief's
 * fuller descriptions (§1.1: 支援専門家; 後継者・幹部・従業員) stay in the brief.
 */
export const ROLE_LABELS: Readonly<Record<Role, CodeLabel>> = {
	FACILITATOR: { ja: '支援者', en: 'Facilitator' },
	BANK_COORDINATOR: { ja: '金融機関（事務局）', en: 'Bank coordinator', short: { ja: '金融機関事務局', en: 'Coordinator' } },
	BANK_OFFICER: { ja: '金融機関担当者', en: 'Bank officer', short: { ja: '行員', en: 'Officer' } },
	COMPANY_OWNER: { ja: '経営者', en: 'Owner' },
	COMPANY_MEMBER: { ja: '企業メンバー', en: 'Company member', short: { ja: '社員', en: 'Member' } },
	OBSERVER: { ja: 'オブザーバー', en: 'Observer' },
}

// ── Sessions (§2.2) ──────────────────────────────────────────────────────────

/** Defined with the programme in workshop/sessions.ts; labelled here. */
export { SESSION_CODES, type SessionCode }
export const sessionCodeSchema = /* @__PURE__ */ z.enum(SESSION_CODES)
/** The words for a session, everywhere (the i18n catalogues' `session` section is built from these). */
export const SESSION_LABELS: Readonly<Record<SessionCode, CodeLabel>> = {
	S0_OVERVIEW: { ja: '概要セミナー', en: 'Overview seminar' },
	S1: { ja: '第1回', en: 'Session 1' },
	INT1: { ja: 'インターバル（第1回→第2回）', en: 'Interval (1 → 2)' },
	S2: { ja: '第2回', en: 'Session 2' },
	INT2: { ja: 'インターバル（第2回→第3回）', en: 'Interval (2 → 3)' },
	S3: { ja: '第3回', en: 'Session 3' },
	INDIVIDUAL: { ja: '個別作成支援', en: 'One-to-one support' },
	POST: { ja: '開示・活用', en: 'Disclosure and use' },
}

// ── Note kinds (§6.3) ────────────────────────────────────────────────────────

export const NOTE_KINDS = [
	'STRENGTH',
	'WEAKNESS',
	'OPPORTUNITY',
	'THREAT',
	'IA',
	'PROCESS_STEP',
	'DIFFERENTIATION',
	'PRODUCT',
	'CUSTOMER_VALUE',
	'RESULT',
	'HISTORY_EVENT',
	'PHILOSOPHY',
	'VISION',
	'ACTION',
	'KPI',
	'QUESTION',
] as const
export type NoteKind = (typeof NOTE_KINDS)[number]
export const noteKindSchema = /* @__PURE__ */ z.enum(NOTE_KINDS)
export const NOTE_KIND_LABELS: Readonly<Record<NoteKind, CodeLabel>> = {
	STRENGTH: { ja: '強み', en: 'Strength' },
	WEAKNESS: { ja: '弱み', en: 'Weakness' },
	OPPORTUNITY: { ja: '機会', en: 'Opportunity' },
	THREAT: { ja: '脅威', en: 'Threat' },
	IA: { ja: '知的資産', en: 'Intellectual asset', short: { ja: '知的資産', en: 'Asset' } },
	PROCESS_STEP: { ja: '業務（工程）', en: 'Business step', short: { ja: '業務', en: 'Step' } },
	DIFFERENTIATION: { ja: 'こだわり・差別化ポイント', en: 'Differentiation point', short: { ja: 'こだわり', en: 'Differentiator' } },
	PRODUCT: { ja: '製品・サービス', en: 'Product or service', short: { ja: '製品', en: 'Product' } },
	CUSTOMER_VALUE: { ja: '顧客提供価値', en: 'Customer value', short: { ja: '顧客価値', en: 'Cust. value' } },
	RESULT: { ja: '成果・業績', en: 'Result', short: { ja: '成果', en: 'Result' } },
	HISTORY_EVENT: { ja: '沿革・転機', en: 'History event', short: { ja: '沿革', en: 'History' } },
	PHILOSOPHY: { ja: '経営理念・価値観', en: 'Philosophy and values', short: { ja: '理念', en: 'Philosophy' } },
	VISION: { ja: 'ビジョン', en: 'Vision' },
	ACTION: { ja: '取組', en: 'Action' },
	KPI: { ja: '管理指標', en: 'KPI' },
	QUESTION: { ja: '問い・宿題', en: 'Question or homework', short: { ja: '問い', en: 'Question' } },
}

// ── SWOT (§6.4) ──────────────────────────────────────────────────────────────

export const SWOT_CODES = ['S', 'W', 'O', 'T'] as const
export type Swot = (typeof SWOT_CODES)[number]
export const swotSchema = /* @__PURE__ */ z.enum(SWOT_CODES)
export const SWOT_LABELS: Readonly<Record<Swot, CodeLabel>> = {
	S: { ja: '強み', en: 'Strengths' },
	W: { ja: '弱み', en: 'Weaknesses' },
	O: { ja: '機会', en: 'Opportunities' },
	T: { ja: '脅威', en: 'Threats' },
}

// ── Intellectual-asset classes (§6.1) ────────────────────────────────────────

/** 組織資産 is a synonym of 構造資産 (same code, §6.1). */
export const IA_CLASSES = ['HUMAN', 'STRUCTURAL', 'RELATIONAL'] as const
export type IaClass = (typeof IA_CLASSES)[number]
export const iaClassSchema = /* @__PURE__ */ z.enum(IA_CLASSES)
export const IA_CLASS_LABELS: Readonly<Record<IaClass, CodeLabel>> = {
	HUMAN: { ja: '人的資産', en: 'Human capital', short: { ja: '人', en: 'Human' } },
	STRUCTURAL: { ja: '構造資産', en: 'Structural capital', short: { ja: '仕組み', en: 'Structural' } },
	RELATIONAL: { ja: '関係資産', en: 'Relational capital', short: { ja: 'つながり', en: 'Relational' } },
}

// ── IP layers (§6.2) ─────────────────────────────────────────────────────────

/** Nested: 知的財産権 ⊂ 知的財産 ⊂ 知的資産 ⊂ 無形資産. */
export const IP_LAYERS = ['IPR', 'IP', 'IA', 'INTANGIBLE'] as const
export type IpLayer = (typeof IP_LAYERS)[number]
export const ipLayerSchema = /* @__PURE__ */ z.enum(IP_LAYERS)
export const IP_LAYER_LABELS: Readonly<Record<IpLayer, CodeLabel>> = {
	IPR: { ja: '知的財産権', en: 'IP right', short: { ja: '知財権', en: 'IPR' } },
	IP: { ja: '知的財産', en: 'Intellectual property', short: { ja: '知財', en: 'IP' } },
	IA: { ja: '知的資産', en: 'Intellectual asset', short: { ja: '知的資産', en: 'IA' } },
	INTANGIBLE: { ja: '無形資産', en: 'Intangible asset', short: { ja: '無形', en: 'Intangible' } },
}

// ── Timeframe (§6.4) ─────────────────────────────────────────────────────────

export const TIMEFRAMES = ['PAST', 'PRESENT', 'FUTURE'] as const
export type Timeframe = (typeof TIMEFRAMES)[number]
export const timeframeSchema = /* @__PURE__ */ z.enum(TIMEFRAMES)
export const TIMEFRAME_LABELS: Readonly<Record<Timeframe, CodeLabel>> = {
	PAST: { ja: '過去', en: 'Past' },
	PRESENT: { ja: '現在', en: 'Present' },
	FUTURE: { ja: '将来', en: 'Future' },
}

// ── Story links (§4.3) ───────────────────────────────────────────────────────

export const STORY_LINK_TYPES = ['CAUSES', 'COMPLEMENTS', 'ENABLES', 'EVIDENCES', 'REALIZES', 'ADDRESSES'] as const
export type StoryLinkType = (typeof STORY_LINK_TYPES)[number]
export const storyLinkTypeSchema = /* @__PURE__ */ z.enum(STORY_LINK_TYPES)
export const STORY_LINK_TYPE_LABELS: Readonly<Record<StoryLinkType, CodeLabel>> = {
	CAUSES: { ja: '因果（〜が〜を生んだ）', en: 'Causes', short: { ja: '因果', en: 'Causes' } },
	COMPLEMENTS: { ja: '補完', en: 'Complements' },
	ENABLES: { ja: '支え・前提', en: 'Enables', short: { ja: '支え', en: 'Enables' } },
	EVIDENCES: { ja: '裏付け（指標→知的資産）', en: 'Evidences (KPI → asset)', short: { ja: '裏付け', en: 'Evidences' } },
	REALIZES: { ja: '実現（取組→将来）', en: 'Realizes (action → future)', short: { ja: '実現', en: 'Realizes' } },
	ADDRESSES: { ja: '対応（取組→弱み・脅威）', en: 'Addresses (action → weakness or threat)', short: { ja: '対応', en: 'Addresses' } },
}

export const STORY_SEGMENTS = ['PAST_PRESENT', 'PRESENT_FUTURE'] as const
export type StorySegment = (typeof STORY_SEGMENTS)[number]
export const storySegmentSchema = /* @__PURE__ */ z.enum(STORY_SEGMENTS)
export const STORY_SEGMENT_LABELS: Readonly<Record<StorySegment, CodeLabel>> = {
	PAST_PRESENT: { ja: '過去〜現在', en: 'Past to present' },
	PRESENT_FUTURE: { ja: '現在〜将来', en: 'Present to future' },
}

/** A note's place in a value-creation chain (§5.2 R8), in story order. */
export const CHAIN_ROLES = ['PHILOSOPHY', 'ACTIVITY', 'IA', 'STRENGTH', 'CUSTOMER_VALUE', 'RESULT', 'ACTION', 'VISION'] as const
export type ChainRole = (typeof CHAIN_ROLES)[number]
export const chainRoleSchema = /* @__PURE__ */ z.enum(CHAIN_ROLES)
export const CHAIN_ROLE_LABELS: Readonly<Record<ChainRole, CodeLabel>> = {
	PHILOSOPHY: { ja: '理念', en: 'Philosophy' },
	ACTIVITY: { ja: '活動・取組', en: 'Activity' },
	IA: { ja: '知的資産', en: 'Intellectual asset', short: { ja: '資産', en: 'Asset' } },
	STRENGTH: { ja: '強み', en: 'Strength' },
	CUSTOMER_VALUE: { ja: '顧客提供価値', en: 'Customer value', short: { ja: '顧客価値', en: 'Cust. value' } },
	RESULT: { ja: '成果', en: 'Result' },
	ACTION: { ja: '今後の取組', en: 'Action' },
	VISION: { ja: 'ビジョン', en: 'Vision' },
}

// ── Visibility and status (§1.3, §4.1) ───────────────────────────────────────

/**
 * Who sees a note on the board. Nothing bank-internal is a board note any more: an officer's memo
 * (formerly kind BANK_OBSERVATION, visibility BANK_INTERNAL) lives in the company's memo doc
 * (shared/src/bank/), which only the bank's people open.
 */
export const VISIBILITIES = ['GROUP', 'COMPANY', 'FACILITATOR_ONLY'] as const
export type Visibility = (typeof VISIBILITIES)[number]
export const visibilitySchema = /* @__PURE__ */ z.enum(VISIBILITIES)
export const VISIBILITY_LABELS: Readonly<Record<Visibility, CodeLabel>> = {
	GROUP: { ja: 'グループ全体', en: 'Whole group', short: { ja: '全体', en: 'Group' } },
	COMPANY: { ja: '自社・担当行員・支援者', en: 'Company, its officer and facilitators', short: { ja: '自社', en: 'Company' } },
	FACILITATOR_ONLY: { ja: '支援者のみ', en: 'Facilitators only', short: { ja: '支援者', en: 'Facilitators' } },
}

export const NOTE_STATUSES = ['DRAFT', 'AGREED', 'PARKED'] as const
export type NoteStatus = (typeof NOTE_STATUSES)[number]
export const noteStatusSchema = /* @__PURE__ */ z.enum(NOTE_STATUSES)
export const NOTE_STATUS_LABELS: Readonly<Record<NoteStatus, CodeLabel>> = {
	DRAFT: { ja: '下書き', en: 'Draft' },
	AGREED: { ja: '合意', en: 'Agreed' },
	PARKED: { ja: '保留', en: 'Parked' },
}

// ── Bank's nine non-financial fields (§6.5) ──────────────────────────────────

export const BANK_CATEGORIES = ['MGMT', 'EMP', 'ORG', 'BIZ', 'TECH', 'IP', 'PARTNER', 'FIN', 'ENV_RISK'] as const
export type BankCategory = (typeof BANK_CATEGORIES)[number]
export const bankCategorySchema = /* @__PURE__ */ z.enum(BANK_CATEGORIES)
export const BANK_CATEGORY_LABELS: Readonly<Record<BankCategory, CodeLabel>> = {
	MGMT: { ja: '経営者', en: 'Owner-manager', short: { ja: '経営者', en: 'Owner' } },
	EMP: { ja: '従業員', en: 'Employees' },
	ORG: { ja: '組織基盤', en: 'Organisational base', short: { ja: '組織', en: 'Organisation' } },
	BIZ: { ja: '事業内容', en: 'Business content', short: { ja: '事業', en: 'Business' } },
	TECH: { ja: '技術', en: 'Technology' },
	IP: { ja: '知的財産', en: 'Intellectual property', short: { ja: '知財', en: 'IP' } },
	PARTNER: { ja: '得意先・仕入先', en: 'Customers and suppliers', short: { ja: '取引先', en: 'Partners' } },
	FIN: { ja: '金融機関', en: 'Financial institutions', short: { ja: '金融機関', en: 'Banks' } },
	ENV_RISK: { ja: '外部環境・リスク対応', en: 'External environment and risk', short: { ja: '環境・リスク', en: 'Env. & risk' } },
}

// ── Local Benchmark four views (§6.6) ────────────────────────────────────────

export const LOCABEN_VIEWS = ['LB_MGR', 'LB_BIZ', 'LB_ENV', 'LB_INT'] as const
export type LocabenView = (typeof LOCABEN_VIEWS)[number]
export const locabenViewSchema = /* @__PURE__ */ z.enum(LOCABEN_VIEWS)
export const LOCABEN_VIEW_LABELS: Readonly<Record<LocabenView, CodeLabel>> = {
	LB_MGR: { ja: '①経営者', en: '1 Owner-manager', short: { ja: '経営者', en: 'Owner' } },
	LB_BIZ: { ja: '②事業', en: '2 Business', short: { ja: '事業', en: 'Business' } },
	LB_ENV: { ja: '③企業を取り巻く環境・関係者', en: '3 Environment and stakeholders', short: { ja: '環境・関係者', en: 'Environment' } },
	LB_INT: { ja: '④内部管理体制', en: '4 Internal management', short: { ja: '内部管理', en: 'Internal' } },
}

// ── Report sections a note can be promoted into (§4.4, §5.2) ─────────────────

/**
 * The brief's section codes (as in the report template). R0 (meta), R11 (financial figures) and
 * R12 (bank memo, never printed) take no promoted notes.
 */
export const REPORT_SECTIONS = ['R1', 'R2', 'R3', 'R4.1', 'R4.2', 'R4.3', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'] as const
/** A report section's code in the brief (R0…R11), as notes record where they were promoted. */
export type ReportSectionCode = (typeof REPORT_SECTIONS)[number]
export const reportSectionSchema = /* @__PURE__ */ z.enum(REPORT_SECTIONS)
export const REPORT_SECTION_LABELS: Readonly<Record<ReportSectionCode, CodeLabel>> = {
	R1: { ja: '企業概要', en: 'Company overview' },
	R2: { ja: '経営理念・経営方針', en: 'Philosophy and policy', short: { ja: '理念・方針', en: 'Philosophy' } },
	R3: { ja: '沿革', en: 'History' },
	'R4.1': { ja: '業務の流れ', en: 'Business flow' },
	'R4.2': { ja: '製品・サービス', en: 'Products and services', short: { ja: '製品', en: 'Products' } },
	'R4.3': { ja: '強み・弱み', en: 'Strengths and weaknesses', short: { ja: '強み・弱み', en: 'S / W' } },
	R5: { ja: '外部環境', en: 'External environment', short: { ja: '外部環境', en: 'Environment' } },
	R6: { ja: '知的資産の棚卸', en: 'Intellectual-asset inventory', short: { ja: '棚卸', en: 'Inventory' } },
	R7: { ja: '今後のビジョン', en: 'Vision' },
	R8: { ja: '価値創造のストーリー', en: 'Value-creation story', short: { ja: 'ストーリー', en: 'Story' } },
	R9: { ja: '管理指標', en: 'KPIs' },
	R10: { ja: '今後の取組', en: 'Actions' },
}

// ── Board templates (§4.2) ───────────────────────────────────────────────────

export const TEMPLATE_CODES = ['T_PROFILE', 'T_HISTORY', 'T_SWOT', 'T_FLOW', 'T_IA3', 'T_STORY', 'T_KPI', 'T_VISION'] as const
export type TemplateCode = (typeof TEMPLATE_CODES)[number]
export const templateCodeSchema = /* @__PURE__ */ z.enum(TEMPLATE_CODES)
export const TEMPLATE_LABELS: Readonly<Record<TemplateCode, CodeLabel>> = {
	T_PROFILE: { ja: '企業概要・経営理念', en: 'Profile and philosophy', short: { ja: '企業概要', en: 'Profile' } },
	T_HISTORY: { ja: '沿革タイムライン', en: 'History timeline', short: { ja: '沿革', en: 'History' } },
	T_SWOT: { ja: 'SWOT', en: 'SWOT' },
	T_FLOW: { ja: '業務の流れ', en: 'Business flow' },
	T_IA3: { ja: '知的資産の棚卸（人的・構造・関係）', en: 'Intellectual-asset inventory', short: { ja: '知的資産の棚卸', en: 'IA inventory' } },
	T_STORY: { ja: '価値創造のストーリー', en: 'Value-creation story', short: { ja: 'ストーリー', en: 'Story' } },
	T_KPI: { ja: '管理指標', en: 'KPIs' },
	T_VISION: { ja: 'ビジョン・取組', en: 'Vision and actions', short: { ja: 'ビジョン', en: 'Vision' } },
}

// ── Industries and their business-flow templates (§6.7) ──────────────────────

/** Defined with the workshop in workshop/industries.ts; labelled here. */
export { INDUSTRIES, type Industry }
export const industrySchema = /* @__PURE__ */ z.enum(INDUSTRIES)
export const INDUSTRY_LABELS: Readonly<Record<Industry, CodeLabel>> = {
	MANUFACTURING: { ja: '製造業', en: 'Manufacturing' },
	WHOLESALE: { ja: '卸売業', en: 'Wholesale' },
	CONSTRUCTION: { ja: '建設業', en: 'Construction' },
	SERVICE: { ja: 'サービス業', en: 'Services' },
	TRANSPORT: { ja: '運輸業', en: 'Transport' },
	REAL_ESTATE: { ja: '不動産業', en: 'Real estate' },
	RESTAURANT: { ja: '飲食店', en: 'Restaurant' },
	OTHER: { ja: 'その他', en: 'Other' },
}

/**
 * Default names of the five business-flow steps per industry (ロカベン guidebook, §6.7), used to
 * pre-fill `T_FLOW`; companies rename them freely. `OTHER` has no published template: its steps
 * are our generic proposal.
 */
export const BUSINESS_FLOW_STEP_NAMES: Readonly<Record<Industry, readonly [Label, Label, Label, Label, Label]>> = {
	MANUFACTURING: [
		{ ja: '提案・受注', en: 'Proposal and order' },
		{ ja: '試作', en: 'Prototyping' },
		{ ja: '仕入', en: 'Purchasing' },
		{ ja: '製造', en: 'Production' },
		{ ja: '検品・納品', en: 'Inspection and delivery' },
	],
	WHOLESALE: [
		{ ja: '営業', en: 'Sales' },
		{ ja: '仕入', en: 'Purchasing' },
		{ ja: '品質管理・配送', en: 'Quality control and shipping' },
		{ ja: '販売', en: 'Selling' },
		{ ja: 'アフターフォロー', en: 'Follow-up' },
	],
	CONSTRUCTION: [
		{ ja: '営業・商談', en: 'Sales and negotiation' },
		{ ja: '計画', en: 'Planning' },
		{ ja: '設計', en: 'Design' },
		{ ja: '施工', en: 'Construction' },
		{ ja: '維持管理', en: 'Maintenance' },
	],
	SERVICE: [
		{ ja: '営業・企画', en: 'Sales and planning' },
		{ ja: '提案', en: 'Proposal' },
		{ ja: 'サービス提供', en: 'Service delivery' },
		{ ja: 'サービス管理', en: 'Service management' },
		{ ja: 'アフターフォロー', en: 'Follow-up' },
	],
	TRANSPORT: [
		{ ja: '営業・受注', en: 'Sales and order' },
		{ ja: '受取・集荷', en: 'Pick-up' },
		{ ja: '保管・品質管理', en: 'Storage and quality control' },
		{ ja: '移送', en: 'Transport' },
		{ ja: '配達完了', en: 'Delivery' },
	],
	REAL_ESTATE: [
		{ ja: '営業・提案', en: 'Sales and proposal' },
		{ ja: '交渉', en: 'Negotiation' },
		{ ja: '申込', en: 'Application' },
		{ ja: '契約・引き渡し', en: 'Contract and hand-over' },
		{ ja: 'アフターフォロー', en: 'Follow-up' },
	],
	RESTAURANT: [
		{ ja: '商品企画', en: 'Menu planning' },
		{ ja: '広告', en: 'Advertising' },
		{ ja: '材料仕入', en: 'Ingredient purchasing' },
		{ ja: '調理', en: 'Cooking' },
		{ ja: '提供', en: 'Serving' },
	],
	OTHER: [
		{ ja: '営業・受注', en: 'Sales and order' },
		{ ja: '企画・準備', en: 'Planning and preparation' },
		{ ja: '仕入・手配', en: 'Purchasing and arranging' },
		{ ja: '提供', en: 'Delivery of the product or service' },
		{ ja: 'アフターフォロー', en: 'Follow-up' },
	],
}
