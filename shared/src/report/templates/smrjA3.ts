import {
	IA_CLASS_LABELS,
	IA_CLASSES,
	STORY_LINK_TYPE_LABELS,
	STORY_LINK_TYPES,
	STORY_SEGMENT_LABELS,
	STORY_SEGMENTS,
	TIMEFRAME_LABELS,
	TIMEFRAMES,
} from '../../notes/taxonomies.ts'
import { codeOptions, type ReportTemplate } from '../reportTemplate.ts'

/**
 * 事業価値を高める経営レポート (SMRJ, A3 one sheet), sections R0–R11 of the domain brief §5.2 in
 * the brief's order, placed on the sheet as proposed in §5.3: three columns plus a story band.
 * R12 (bank memo) is bank-internal and is deliberately not part of the report at all.
 *
 * Titles, order, fields and character budgets are data: to match the published form exactly,
 * edit this object (a change that renames or drops fields needs a model migration, see
 * `reportMigrations.ts`).
 */

// Enum options carry the taxonomy's words (notes/taxonomies.ts): the board, the report and its exports say the same.
const IA_CLASS_OPTIONS = codeOptions(IA_CLASSES, IA_CLASS_LABELS)
const LINK_TYPE_OPTIONS = codeOptions(STORY_LINK_TYPES, STORY_LINK_TYPE_LABELS, 'short')
const SEGMENT_OPTIONS = codeOptions(STORY_SEGMENTS, STORY_SEGMENT_LABELS)
const TIMEFRAME_OPTIONS = codeOptions(TIMEFRAMES, TIMEFRAME_LABELS)

export const REPORT_TEMPLATE_SMRJ_A3 = {
	id: 'smrj-a3',
	name: { ja: '事業価値を高める経営レポート（A3一枚）', en: 'Management report that raises business value (one A3 sheet)' },
	defaultTitle: { ja: '事業価値を高める経営レポート', en: 'Management report that raises business value' },
	sections: [
		{
			id: 'meta',
			code: 'R0',
			title: { ja: 'レポート情報', en: 'About this report' },
			hint: {
				ja: '表題・版・作成者・支援者。シートの見出しと欄外に印刷されます。',
				en: 'Title, edition, authors and supporters: printed in the sheet’s title line.',
			},
			fields: [
				{
					id: 'title',
					label: { ja: '表題', en: 'Title' },
					kind: 'text',
					budget: 30,
					placeholder: { ja: '事業価値を高める経営レポート', en: '事業価値を高める経営レポート' },
				},
				{ id: 'edition', label: { ja: '版', en: 'Edition' }, kind: 'text', budget: 10, placeholder: { ja: '例：1.0', en: 'e.g. 1.0' } },
				{
					id: 'date',
					label: { ja: '作成日', en: 'Date' },
					kind: 'text',
					budget: 20,
					required: true,
					placeholder: { ja: '例：2024年11月21日', en: 'e.g. 2024-11-21' },
				},
				{ id: 'preparedBy', label: { ja: '作成者', en: 'Prepared by' }, kind: 'text', budget: 40, required: true },
				{ id: 'supportedBy', label: { ja: '支援', en: 'Supported by' }, kind: 'text', budget: 80 },
				{
					id: 'audience',
					label: { ja: '主な読み手', en: 'Written for' },
					kind: 'enumSet',
					printed: false,
					options: [
						{ value: 'BANK', label: { ja: '金融機関', en: 'Bank' } },
						{ value: 'CUSTOMER', label: { ja: '顧客', en: 'Customers' } },
						{ value: 'SUPPLIER', label: { ja: '仕入先・協力先', en: 'Suppliers' } },
						{ value: 'EMPLOYEE', label: { ja: '従業員', en: 'Employees' } },
						{ value: 'RECRUIT', label: { ja: '採用', en: 'Recruits' } },
						{ value: 'SUCCESSOR', label: { ja: '後継者', en: 'Successor' } },
						{ value: 'PUBLIC', label: { ja: '一般', en: 'Public' } },
					],
				},
				{
					id: 'status',
					label: { ja: '状態', en: 'Status' },
					kind: 'enum',
					printed: false,
					options: [
						{ value: 'DRAFT', label: { ja: '下書き', en: 'Draft' } },
						{ value: 'REVIEW', label: { ja: '確認中', en: 'In review' } },
						{ value: 'FINAL', label: { ja: '完成', en: 'Final' } },
						{ value: 'DISCLOSED', label: { ja: '開示済み', en: 'Disclosed' } },
					],
				},
			],
			list: null,
			print: { area: 'header', layout: { kind: 'header' } },
		},
		{
			id: 'overview',
			code: 'R1',
			title: { ja: '企業概要', en: 'Company overview' },
			fields: [
				{ id: 'name', label: { ja: '事業者名', en: 'Company' }, kind: 'text', budget: 30, required: true },
				{ id: 'industry', label: { ja: '業種', en: 'Industry' }, kind: 'text', budget: 30 },
				{ id: 'representative', label: { ja: '代表者', en: 'Representative' }, kind: 'text', budget: 30, required: true },
				{ id: 'founded', label: { ja: '創業・設立', en: 'Founded' }, kind: 'text', budget: 30, required: true },
				{ id: 'capital', label: { ja: '資本金', en: 'Capital' }, kind: 'text', budget: 20 },
				{ id: 'employees', label: { ja: '従業員数', en: 'Employees' }, kind: 'text', budget: 30, required: true },
				{ id: 'address', label: { ja: '所在地', en: 'Address' }, kind: 'text', budget: 50, required: true },
				{ id: 'contact', label: { ja: '連絡先', en: 'Contact' }, kind: 'text', budget: 40 },
				{ id: 'url', label: { ja: 'URL', en: 'Website' }, kind: 'text', budget: 40 },
				{ id: 'business', label: { ja: '事業内容', en: 'Business' }, kind: 'text', budget: 150, lines: 3, required: true },
				{ id: 'mainProducts', label: { ja: '主要製品', en: 'Main products' }, kind: 'text', budget: 80, lines: 2 },
				{ id: 'mainCustomers', label: { ja: '主要取引先', en: 'Main customers' }, kind: 'text', budget: 60, lines: 2 },
				{ id: 'certifications', label: { ja: '認証・知財', en: 'Certifications and IP' }, kind: 'text', budget: 60 },
			],
			list: null,
			print: { area: 'left', layout: { kind: 'form' } },
		},
		{
			id: 'philosophy',
			code: 'R2',
			title: { ja: '経営理念・経営方針', en: 'Philosophy and policy' },
			fields: [
				{ id: 'philosophy', label: { ja: '経営理念', en: 'Philosophy' }, kind: 'text', budget: 80, lines: 2, required: true },
				{ id: 'motto', label: { ja: '社是', en: 'Motto' }, kind: 'text', budget: 40 },
				{ id: 'policy', label: { ja: '経営方針', en: 'Policy' }, kind: 'text', budget: 150, lines: 3, required: true },
				{ id: 'originStory', label: { ja: '理念に込めた想い・由来', en: 'Where the philosophy comes from' }, kind: 'text', budget: 150, lines: 3 },
			],
			list: null,
			promotionField: 'philosophy',
			print: { area: 'left', layout: { kind: 'paragraphs' } },
		},
		{
			id: 'history',
			code: 'R3',
			title: { ja: '沿革', en: 'History' },
			fields: [],
			list: {
				itemLabel: { ja: '出来事', en: 'Event' },
				minItems: 3,
				maxItems: 14,
				fields: [
					{ id: 'year', label: { ja: '年', en: 'Year' }, kind: 'text', budget: 8, required: true, placeholder: { ja: '例：1974', en: 'e.g. 1974' } },
					{ id: 'event', label: { ja: '出来事', en: 'Event' }, kind: 'text', budget: 40, lines: 2, required: true },
					{ id: 'iaGained', label: { ja: '得た知的資産', en: 'Assets gained' }, kind: 'text', budget: 24 },
					{
						id: 'type',
						label: { ja: '種類', en: 'Type' },
						kind: 'enum',
						printed: false,
						options: [
							{ value: 'FOUNDING', label: { ja: '創業', en: 'Founding' } },
							{ value: 'PRODUCT', label: { ja: '製品', en: 'Product' } },
							{ value: 'EQUIPMENT', label: { ja: '設備', en: 'Equipment' } },
							{ value: 'CUSTOMER', label: { ja: '取引先', en: 'Customer' } },
							{ value: 'CRISIS', label: { ja: '危機・転機', en: 'Crisis' } },
							{ value: 'SUCCESSION', label: { ja: '事業承継', en: 'Succession' } },
							{ value: 'CERTIFICATION', label: { ja: '認証', en: 'Certification' } },
							{ value: 'IP', label: { ja: '知的財産', en: 'IP' } },
							{ value: 'OTHER', label: { ja: 'その他', en: 'Other' } },
						],
					},
				],
				promotion: { text: 'event' },
			},
			print: { area: 'left', layout: { kind: 'timeline' } },
		},
		{
			id: 'flow',
			code: 'R4.1',
			title: { ja: '業務の流れ', en: 'Business flow' },
			hint: {
				ja: '3〜7工程。各工程の業務内容、こだわり・差別化ポイント、その工程にある強み（ボードの業務の流れで工程に置いた付箋）。',
				en: '3–7 steps, each with what happens, what the company does differently and the strengths that sit at that step (notes placed on the step in the board’s business flow).',
			},
			fields: [],
			list: {
				itemLabel: { ja: '工程', en: 'Step' },
				minItems: 3,
				maxItems: 7,
				fields: [
					{ id: 'name', label: { ja: '工程', en: 'Step' }, kind: 'text', budget: 16, required: true },
					{ id: 'description', label: { ja: '業務内容', en: 'What happens' }, printLabel: { ja: '業務', en: 'Work' }, kind: 'text', budget: 40, lines: 2 },
					{
						id: 'differentiation',
						label: { ja: 'こだわり・差別化ポイント', en: 'What we do differently' },
						printLabel: { ja: 'こだわり', en: 'Difference' },
						kind: 'text',
						budget: 60,
						lines: 2,
						required: true,
					},
					{
						id: 'strengths',
						label: { ja: 'この工程の強み（知的資産）', en: 'Strengths at this step (assets)' },
						printLabel: { ja: '強み', en: 'Strengths' },
						kind: 'text',
						budget: 80,
						lines: 3,
					},
					{ id: 'stepId', label: { ja: 'ボードの工程ID', en: 'Board step id' }, kind: 'text', budget: 40, printed: false },
				],
				promotion: { text: 'name', textByKind: { DIFFERENTIATION: 'differentiation' } },
			},
			print: { area: 'left', layout: { kind: 'flow' } },
		},
		{
			id: 'products',
			code: 'R4.2',
			title: { ja: '製品・サービスと顧客提供価値', en: 'Products, services and customer value' },
			fields: [],
			list: {
				itemLabel: { ja: '製品・サービス', en: 'Product or service' },
				minItems: 1,
				maxItems: 4,
				fields: [
					{ id: 'name', label: { ja: '製品・サービス', en: 'Product or service' }, kind: 'text', budget: 30, required: true },
					{ id: 'customerValue', label: { ja: '顧客提供価値', en: 'Value to customers' }, kind: 'text', budget: 50, lines: 2, required: true },
				],
				promotion: { text: 'name', textByKind: { CUSTOMER_VALUE: 'customerValue' } },
			},
			print: { area: 'middle', layout: { kind: 'table' } },
		},
		{
			id: 'swInternal',
			code: 'R4.3',
			title: { ja: '内部環境（強み・弱み）', en: 'Internal environment (strengths, weaknesses)' },
			fields: [],
			list: {
				itemLabel: { ja: '強み・弱み', en: 'Strength or weakness' },
				minItems: 2,
				maxItems: 14,
				fields: [
					{
						id: 'swot',
						label: { ja: '区分', en: 'Type' },
						kind: 'enum',
						required: true,
						options: [
							{ value: 'S', label: { ja: '強み', en: 'Strength' } },
							{ value: 'W', label: { ja: '弱み', en: 'Weakness' } },
						],
					},
					{ id: 'text', label: { ja: '内容', en: 'Text' }, kind: 'text', budget: 45, lines: 2, required: true },
				],
				promotion: { text: 'text', swot: 'swot' },
			},
			print: { area: 'middle', layout: { kind: 'groups', by: 'swot' } },
		},
		{
			id: 'external',
			code: 'R5',
			title: { ja: '外部環境（機会・脅威）', en: 'External environment (opportunities, threats)' },
			fields: [],
			list: {
				itemLabel: { ja: '機会・脅威', en: 'Opportunity or threat' },
				minItems: 2,
				maxItems: 8,
				fields: [
					{
						id: 'swot',
						label: { ja: '区分', en: 'Type' },
						kind: 'enum',
						required: true,
						options: [
							{ value: 'O', label: { ja: '機会', en: 'Opportunity' } },
							{ value: 'T', label: { ja: '脅威', en: 'Threat' } },
						],
					},
					{ id: 'text', label: { ja: '内容', en: 'Text' }, kind: 'text', budget: 40, lines: 2, required: true },
					{
						id: 'area',
						label: { ja: '領域', en: 'Area' },
						kind: 'enum',
						printed: false,
						options: [
							{ value: 'MARKET', label: { ja: '市場・顧客', en: 'Market' } },
							{ value: 'COMPETITION', label: { ja: '競合', en: 'Competition' } },
							{ value: 'TECHNOLOGY', label: { ja: '技術', en: 'Technology' } },
							{ value: 'REGULATION', label: { ja: '制度・政策', en: 'Regulation' } },
							{ value: 'REGION', label: { ja: '地域', en: 'Region' } },
							{ value: 'LABOR', label: { ja: '人材・労働', en: 'Labour' } },
							{ value: 'PRICE', label: { ja: '原材料・価格', en: 'Prices' } },
							{ value: 'OTHER', label: { ja: 'その他', en: 'Other' } },
						],
					},
				],
				promotion: { text: 'text', swot: 'swot' },
			},
			print: { area: 'middle', layout: { kind: 'groups', by: 'swot' } },
		},
		{
			id: 'assets',
			code: 'R6',
			title: { ja: '知的資産の棚卸', en: 'Intellectual-asset inventory' },
			hint: {
				ja: '人的・構造・関係の3分類。これまで〜現在と、これから育てるもの。',
				en: 'Human, structural and relational assets: until now, and to build from now.',
			},
			fields: [],
			list: {
				itemLabel: { ja: '知的資産', en: 'Asset' },
				minItems: 3,
				maxItems: 30,
				fields: [
					{ id: 'iaClass', label: { ja: '分類', en: 'Class' }, kind: 'enum', required: true, options: IA_CLASS_OPTIONS },
					{ id: 'timeframe', label: { ja: '時期', en: 'When' }, kind: 'enum', options: TIMEFRAME_OPTIONS },
					{ id: 'text', label: { ja: '知的資産', en: 'Asset' }, kind: 'text', budget: 24, required: true },
					{ id: 'evidence', label: { ja: '裏付け（事実・数字）', en: 'Evidence' }, kind: 'text', budget: 60, footnote: true },
				],
				promotion: { text: 'text', iaClass: 'iaClass', timeframe: 'timeframe', evidence: 'evidence' },
			},
			print: {
				area: 'middle',
				layout: {
					kind: 'grid',
					columns: 'iaClass',
					rows: 'timeframe',
					rowGroups: [
						{ label: { ja: 'これまで〜現在', en: 'Until now' }, values: ['PAST', 'PRESENT'] },
						{ label: { ja: 'これから', en: 'From now' }, values: ['FUTURE'] },
						{ label: { ja: '時期未設定', en: 'When not set' }, values: [null] },
					],
				},
			},
		},
		{
			id: 'vision',
			code: 'R7',
			title: { ja: '今後のビジョン', en: 'Vision' },
			fields: [
				{ id: 'statement', label: { ja: 'ビジョン', en: 'Vision' }, kind: 'text', budget: 80, lines: 2, required: true },
				{
					id: 'horizon',
					label: { ja: '目標年度', en: 'Target year' },
					kind: 'text',
					budget: 20,
					placeholder: { ja: '例：2028年度（5年後）', en: 'e.g. FY2028 (5 years)' },
				},
				{ id: 'policies', label: { ja: '方針', en: 'Policies' }, kind: 'text', budget: 100, lines: 3, required: true },
			],
			list: null,
			promotionField: 'statement',
			print: { area: 'right', layout: { kind: 'paragraphs' }, a4Page: 1 },
		},
		{
			id: 'kgi',
			code: 'R7.2',
			title: { ja: 'KGI（目標とする成果）', en: 'KGI (target results)' },
			hint: {
				ja: '指標・目標値・単位・年度。値は入力したとおりに印刷されます。',
				en: 'Indicator, target value, unit and year; values print exactly as typed.',
			},
			fields: [],
			list: {
				itemLabel: { ja: 'KGI', en: 'KGI' },
				minItems: 1,
				maxItems: 4,
				fields: [
					{ id: 'indicator', label: { ja: '指標', en: 'Indicator' }, kind: 'text', budget: 20, required: true },
					{ id: 'value', label: { ja: '目標値', en: 'Target' }, kind: 'decimal', required: true },
					{ id: 'unit', label: { ja: '単位', en: 'Unit' }, kind: 'text', budget: 8 },
					{ id: 'comparison', label: { ja: '条件', en: 'Condition' }, kind: 'text', budget: 6, placeholder: { ja: '例：以上', en: 'e.g. or more' } },
					{ id: 'fiscalYear', label: { ja: '年度', en: 'Year' }, kind: 'text', budget: 10, placeholder: { ja: 'FY2028', en: 'FY2028' } },
				],
			},
			print: { area: 'right', layout: { kind: 'table' } },
		},
		{
			id: 'story',
			code: 'R8',
			title: { ja: '価値創造のストーリー', en: 'Value-creation story' },
			hint: {
				ja: '過去〜現在：知的資産がどう育ち、成果につながったか。現在〜将来：それをどう維持・強化し、ビジョンを実現するか。',
				en: 'Past to present: how the assets grew and led to results. Present to future: how they will be kept, strengthened and lead to the vision.',
			},
			fields: [
				{ id: 'pastToPresent', label: { ja: '過去〜現在', en: 'Past to present' }, kind: 'text', budget: 250, lines: 5, required: true },
				{ id: 'presentToFuture', label: { ja: '現在〜将来', en: 'Present to future' }, kind: 'text', budget: 250, lines: 5, required: true },
			],
			list: {
				itemLabel: { ja: 'ストーリーの要素', en: 'Story step' },
				minItems: 0,
				maxItems: 20,
				fields: [
					{
						id: 'segment',
						label: { ja: '区分', en: 'Part' },
						kind: 'enum',
						required: true,
						options: [
							{ value: 'PAST_PRESENT', label: { ja: '過去〜現在', en: 'Past to present' } },
							{ value: 'PRESENT_FUTURE', label: { ja: '現在〜将来', en: 'Present to future' } },
						],
					},
					{ id: 'text', label: { ja: '要素', en: 'Step' }, kind: 'text', budget: 24, required: true },
					{ id: 'iaClass', label: { ja: '分類', en: 'Class' }, kind: 'enum', options: IA_CLASS_OPTIONS },
				],
				promotion: { text: 'text', iaClass: 'iaClass', segment: 'segment' },
			},
			print: {
				area: 'band',
				layout: { kind: 'story', by: 'segment', narratives: { PAST_PRESENT: 'pastToPresent', PRESENT_FUTURE: 'presentToFuture' } },
			},
		},
		{
			id: 'chainMap',
			code: 'R8.3',
			title: { ja: '知的資産の連鎖（活用マップ）', en: 'Chain of intellectual assets (utilisation map)' },
			hint: {
				ja: 'ボードのストーリーの矢印（因果・補完・支える…）から作られます。表示しない矢印は「印刷する」を外し、並び順で配置が変わります。',
				en: 'Built from the board’s story links (causes, complements, enables…). Untick “Print” to hide a link; the order of the links orders the map.',
			},
			fields: [{ id: 'caption', label: { ja: 'キャプション', en: 'Caption' }, kind: 'text', budget: 60, lines: 2 }],
			list: {
				itemLabel: { ja: 'つながり', en: 'Link' },
				minItems: 0,
				maxItems: 40,
				printWhen: 'shown',
				fields: [
					{ id: 'from', label: { ja: '元（知的資産など）', en: 'From' }, kind: 'text', budget: 14, required: true },
					{ id: 'fromClass', label: { ja: '元の分類', en: 'From: class' }, kind: 'enum', options: IA_CLASS_OPTIONS },
					{ id: 'type', label: { ja: 'つながりの種類', en: 'Link type' }, kind: 'enum', required: true, options: LINK_TYPE_OPTIONS },
					{ id: 'to', label: { ja: '先', en: 'To' }, kind: 'text', budget: 14, required: true },
					{ id: 'toClass', label: { ja: '先の分類', en: 'To: class' }, kind: 'enum', options: IA_CLASS_OPTIONS },
					{ id: 'segment', label: { ja: '区分', en: 'Part' }, kind: 'enum', required: true, options: SEGMENT_OPTIONS },
					{ id: 'label', label: { ja: '説明', en: 'Label' }, kind: 'text', budget: 20, printed: false },
					{ id: 'fromNote', label: { ja: '元の付箋ID', en: 'From note id' }, kind: 'text', budget: 40, printed: false },
					{ id: 'toNote', label: { ja: '先の付箋ID', en: 'To note id' }, kind: 'text', budget: 40, printed: false },
					{ id: 'shown', label: { ja: '印刷する', en: 'Print' }, kind: 'boolean', printed: false, initially: true },
				],
			},
			print: { area: 'band', layout: { kind: 'chainMap' } },
		},
		{
			id: 'kpis',
			code: 'R9',
			title: { ja: '管理指標（KPI）', en: 'Management indicators (KPI)' },
			hint: {
				ja: '開示してよい指標だけがシートに載ります。年度は指標ごと、値は入力したとおり（4.0 は 4.0）に印刷されます。',
				en: 'Only indicators marked as disclosable are printed. Each indicator has its own years; values print exactly as typed (4.0 stays 4.0).',
			},
			fields: [],
			list: {
				itemLabel: { ja: '指標', en: 'Indicator' },
				minItems: 3,
				maxItems: 8,
				printWhen: 'disclosable',
				fields: [
					{ id: 'code', label: { ja: 'ID', en: 'ID' }, kind: 'text', budget: 4, placeholder: { ja: 'K1', en: 'K1' } },
					{ id: 'name', label: { ja: '指標', en: 'Indicator' }, kind: 'text', budget: 22, required: true },
					{ id: 'unit', label: { ja: '単位', en: 'Unit' }, kind: 'text', budget: 6 },
					{ id: 'year1', label: { ja: '年度1', en: 'Year 1' }, kind: 'text', budget: 8, placeholder: { ja: 'FY2021', en: 'FY2021' } },
					{ id: 'value1', label: { ja: '値1', en: 'Value 1' }, kind: 'decimal' },
					{ id: 'year2', label: { ja: '年度2', en: 'Year 2' }, kind: 'text', budget: 8, placeholder: { ja: 'FY2022', en: 'FY2022' } },
					{ id: 'value2', label: { ja: '値2', en: 'Value 2' }, kind: 'decimal' },
					{ id: 'year3', label: { ja: '年度3', en: 'Year 3' }, kind: 'text', budget: 8, placeholder: { ja: 'FY2023', en: 'FY2023' } },
					{ id: 'value3', label: { ja: '値3', en: 'Value 3' }, kind: 'decimal' },
					{ id: 'targetYear', label: { ja: '目標年度', en: 'Target year' }, kind: 'text', budget: 8, placeholder: { ja: 'FY2028', en: 'FY2028' } },
					{ id: 'target', label: { ja: '目標', en: 'Target' }, kind: 'decimal' },
					{ id: 'linkedIa', label: { ja: '裏付ける知的資産', en: 'Asset it backs' }, kind: 'text', budget: 16 },
					{ id: 'definition', label: { ja: '定義', en: 'Definition' }, kind: 'text', budget: 60, printed: false },
					{ id: 'source', label: { ja: '出典', en: 'Source' }, kind: 'text', budget: 30, footnote: true },
					{ id: 'disclosable', label: { ja: '開示する', en: 'Disclose' }, kind: 'boolean', printed: false, initially: true },
				],
				promotion: {
					text: 'name',
					kpi: {
						unit: 'unit',
						values: ['value1', 'value2', 'value3'],
						target: 'target',
						definition: 'definition',
						source: 'source',
						disclosable: 'disclosable',
						valueYears: ['year1', 'year2', 'year3'],
						targetYear: 'targetYear',
					},
				},
			},
			print: { area: 'right', layout: { kind: 'kpiTable' } },
		},
		{
			id: 'actions',
			code: 'R10',
			title: { ja: '今後の取組', en: 'Actions' },
			fields: [],
			list: {
				itemLabel: { ja: '取組', en: 'Action' },
				minItems: 1,
				maxItems: 6,
				fields: [
					{ id: 'text', label: { ja: '取組', en: 'Action' }, kind: 'text', budget: 30, lines: 2, required: true },
					{
						id: 'purpose',
						label: { ja: '目的（育てる知的資産）', en: 'Purpose (asset to build)' },
						printLabel: { ja: '目的', en: 'Purpose' },
						kind: 'text',
						budget: 20,
					},
					{ id: 'owner', label: { ja: '担当', en: 'Owner' }, kind: 'text', budget: 10 },
					{ id: 'start', label: { ja: '開始', en: 'Start' }, kind: 'text', budget: 8, placeholder: { ja: '2025-04', en: '2025-04' } },
					{ id: 'end', label: { ja: '終了', en: 'End' }, kind: 'text', budget: 8, placeholder: { ja: '2026-03', en: '2026-03' } },
					{ id: 'kpis', label: { ja: '指標', en: 'KPIs' }, kind: 'text', budget: 10 },
				],
				promotion: { text: 'text' },
			},
			print: { area: 'right', layout: { kind: 'cards' } },
		},
		{
			id: 'financials',
			code: 'R11',
			title: { ja: '財務サマリー', en: 'Financial summary' },
			fields: [{ id: 'unit', label: { ja: '単位', en: 'Unit' }, kind: 'text', budget: 10, placeholder: { ja: '百万円', en: '¥ million' } }],
			list: {
				itemLabel: { ja: '年度', en: 'Year' },
				minItems: 0,
				maxItems: 5,
				fields: [
					{ id: 'fiscalYear', label: { ja: '年度', en: 'Year' }, kind: 'text', budget: 8, required: true },
					{ id: 'sales', label: { ja: '売上高', en: 'Sales' }, kind: 'number' },
					{ id: 'operatingProfit', label: { ja: '営業利益', en: 'Operating profit' }, kind: 'number' },
					{ id: 'ordinaryProfit', label: { ja: '経常利益', en: 'Ordinary profit' }, kind: 'number' },
					{ id: 'employees', label: { ja: '従業員', en: 'Employees' }, kind: 'number' },
				],
			},
			print: { area: 'right', layout: { kind: 'table' } },
		},
	],
} as const satisfies ReportTemplate

/** The templates this version knows, by id (a report names its template). */
export const REPORT_TEMPLATES: Readonly<Record<string, ReportTemplate>> = { [REPORT_TEMPLATE_SMRJ_A3.id]: REPORT_TEMPLATE_SMRJ_A3 }

/**
 * The form a new report uses.
 * @alias the default is the SMRJ A3 form today; callers name the role, not the form
 */
export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = REPORT_TEMPLATE_SMRJ_A3
