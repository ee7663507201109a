import { createKpiCardData, type KpiCardData } from '../notes/kpiCardShape.ts'
import { createNoteData, type Note } from '../notes/noteModel.ts'
import { flowStepId, type FlowStep } from '../notes/templateZones.ts'
import type { StoryLink } from '../notes/storyLinks.ts'
import type { OfficerMemo } from '../bank/memoDoc.ts'
import type { BankCategory, IaClass, Industry, Label, NoteKind, Role, SessionCode, Swot, Timeframe } from '../notes/taxonomies.ts'

/**
 * 株式会社ささめ精工 — the fictional sample company of the domain brief (sample-company.md) as typed
 * data: the seminar group, the company, its participants, the 40 notes, the business flow, the
 * story links of both segments and the KPI cards. Test fixture and the app's demo data. Everything
 * is invented. Ids follow the sample (N01–N40, L01–L25, K1–K8); on a board they become shape ids
 * (sasameBoard.ts). SWOT placement and the notes of each flow step are not repeated here: they
 * follow from the notes' fields (`sasameSwot`, `sasameNotesByStep`).
 */

export const SASAME_COMPANY_ID = 'sasame'

export interface DemoCompany {
	id: string
	name: string
	nameEn: string
	industry: Industry
	employees: number
	/** The bank officer in charge (a participant id). */
	officerId: string
}

export interface DemoParticipant {
	id: string
	name: string
	role: Role
	/** The company the person belongs to; null for the facilitators and the bank's coordinator. */
	companyId: string | null
	/** Position or qualification, as shown beside the name. */
	title: string
}

export const sasameGroup = {
	bank: { ja: 'みどり野信用金庫', en: 'Midorino Shinkin Bank' } satisfies Label,
	programme: { ja: '知的資産経営 作成セミナー 2024 秋', en: 'IA-based management drafting seminars, autumn 2024' } satisfies Label,
	venue: '信金本店会議室',
	sessions: [
		{ code: 'S0_OVERVIEW', date: '2024-09-05', hours: 2 },
		{ code: 'S1', date: '2024-09-26', hours: 3 },
		{ code: 'S2', date: '2024-10-24', hours: 3 },
		{ code: 'S3', date: '2024-11-21', hours: 3 },
	] satisfies { code: SessionCode; date: string; hours: number }[],
	companies: [
		{ id: SASAME_COMPANY_ID, name: '株式会社ささめ精工', nameEn: 'Sasame Seiko Co., Ltd.', industry: 'MANUFACTURING', employees: 28, officerId: 'p-kawaguchi' },
		{ id: 'komorebi', name: '有限会社こもれび工務店', nameEn: 'Komorebi Builders', industry: 'CONSTRUCTION', employees: 9, officerId: 'p-sato' },
		{ id: 'midorino-foods', name: '株式会社みどり野フーズ', nameEn: 'Midorino Foods', industry: 'MANUFACTURING', employees: 35, officerId: 'p-takahashi' },
		{ id: 'sakura-ken', name: '麺処さくら軒', nameEn: 'Sakura-ken ramen shop', industry: 'RESTAURANT', employees: 6, officerId: 'p-nakamura' },
	] satisfies DemoCompany[],
}

export const sasameCompany = {
	id: SASAME_COMPANY_ID,
	name: '株式会社ささめ精工',
	nameEn: 'Sasame Seiko Co., Ltd.',
	industry: 'MANUFACTURING' satisfies Industry,
	representative: '代表取締役 笹目 修一',
	founded: 1974,
	incorporated: 1983,
	capitalJPY: 10_000_000,
	employees: 28,
	partTimeEmployees: 4,
	location: '埼玉県みどり野市 みどり野工業団地（架空）',
	business: '難削材を中心とした精密切削加工。医療機器・半導体製造装置部品の試作から小ロット量産まで',
	equipment: { cncLathes: 12, machiningCentres: 6, fiveAxis: 1, cmm: 1 },
	mainCustomers: [
		{ name: '医療機器メーカーA社', years: 25, salesShare: 0.28 },
		{ name: '半導体製造装置メーカーB社', years: null, salesShare: 0.17 },
	],
	otherCustomers: 40,
	banks: [
		{ name: 'みどり野信用金庫', main: true, years: 40 },
		{ name: '地方銀行', main: false, years: null },
	],
	averageTenureYears: 14.2,
	/** KGI of the vision (FY2028). */
	kgi: [
		{ label: '売上高', value: 550, unit: '百万円', fiscalYear: 2028 },
		{ label: '経常利益率', value: 5, unit: '%以上', fiscalYear: 2028 },
		{ label: '医療分野の売上比率', value: 40, unit: '%', fiscalYear: 2028 },
	],
	/** Sales in ¥ million (R11), for the "without this strength…" link to the numbers. */
	salesMillionJPY: [
		{ fiscalYear: 2021, sales: 362, operatingProfit: 9, ordinaryProfit: 8, employees: 26 },
		{ fiscalYear: 2022, sales: 395, operatingProfit: 15, ordinaryProfit: 14, employees: 27 },
		{ fiscalYear: 2023, sales: 418, operatingProfit: 18, ordinaryProfit: 17, employees: 28 },
	],
} as const

export const sasameParticipants: readonly DemoParticipant[] = [
	{ id: 'p-shuichi', name: '笹目 修一', role: 'COMPANY_OWNER', companyId: SASAME_COMPANY_ID, title: '代表取締役（2代目）' },
	{ id: 'p-aya', name: '笹目 彩', role: 'COMPANY_MEMBER', companyId: SASAME_COMPANY_ID, title: '専務取締役（後継者候補）' },
	{ id: 'p-tajima', name: '田島 勝', role: 'COMPANY_MEMBER', companyId: SASAME_COMPANY_ID, title: '工場長（第2回のみ参加）' },
	{ id: 'p-kawaguchi', name: '川口 悠斗', role: 'BANK_OFFICER', companyId: SASAME_COMPANY_ID, title: '工業団地支店 渉外' },
	{ id: 'p-hojo', name: '北条 恵', role: 'FACILITATOR', companyId: null, title: '中小企業診断士' },
	{ id: 'p-ishida', name: '石田 遼', role: 'FACILITATOR', companyId: null, title: '弁理士' },
	{ id: 'p-morita', name: '森田 浩二', role: 'BANK_COORDINATOR', companyId: null, title: '本部 営業推進部 経営支援課' },
	{ id: 'p-komorebi-owner', name: 'こもれび工務店 社長', role: 'COMPANY_OWNER', companyId: 'komorebi', title: '他社の経営者' },
	{ id: 'p-sato', name: '佐藤 美咲', role: 'BANK_OFFICER', companyId: 'komorebi', title: '中央支店 融資' },
	{ id: 'p-takahashi', name: '高橋 翔', role: 'BANK_OFFICER', companyId: 'midorino-foods', title: '駅前支店 渉外' },
	{ id: 'p-nakamura', name: '中村 大輔', role: 'BANK_OFFICER', companyId: 'sakura-ken', title: '駅前支店 渉外' },
]

/** The business flow as the company renamed it (template MANUFACTURING), with its differentiation points. */
export const sasameFlowSteps: readonly (FlowStep & { differentiation: string; mainIa: IaClass[] })[] = [
	{
		id: flowStepId(1),
		name: { ja: '引合・見積（図面の読み解き）', en: 'Enquiry and quotation' },
		differentiation: '図面の段階で加工しやすい形状・公差を提案し、お客様の開発を早める',
		mainIa: ['HUMAN', 'RELATIONAL'],
	},
	{
		id: flowStepId(2),
		name: { ja: '工程設計・試作', en: 'Process design and prototype' },
		differentiation: '加工条件DBで条件出しを短縮、1個から最短3日',
		mainIa: ['STRUCTURAL'],
	},
	{
		id: flowStepId(3),
		name: { ja: '材料・外注手配', en: 'Materials and partners' },
		differentiation: '材料商と直接取引、協力工場5社で後工程まで一括対応',
		mainIa: ['RELATIONAL'],
	},
	{
		id: flowStepId(4),
		name: { ja: '精密加工', en: 'Precision machining' },
		differentiation: '難削材の刃物・条件選定、薄肉チューブ治具（特許）、多能工',
		mainIa: ['HUMAN', 'STRUCTURAL'],
	},
	{
		id: flowStepId(5),
		name: { ja: '検査・納品', en: 'Inspection and delivery' },
		differentiation: '全数検査と三次元測定、検査成績書10年保管で医療分野の要求に応える',
		mainIa: ['STRUCTURAL'],
	},
]

/** KPI cards of §7 (ids K1–K8); `linkedNoteIds` use the sample's note ids. */
export const sasameKpiCards: readonly (KpiCardData & { id: string; nameEn: string })[] = (
	[
		['K1', '難削材加工の売上比率', 'Share of sales from hard-to-cut metals', '%', [31, 35, 38], 50, ['N03', 'N05'], true, '受注台帳の材質区分'],
		[
			'K2',
			'試作リードタイム（受注〜出荷の平均）',
			'Prototype lead time (order to shipment, average)',
			'日',
			[7.8, 6.4, 5.5],
			4.0,
			['N05', 'N06'],
			true,
			'生産管理表',
		],
		['K3', '加工条件DB 登録件数（累計）', 'Condition-database records (cumulative)', '件', [2900, 3350, 3800], 6000, ['N05', 'N31'], true, 'DB システム'],
		['K4', '難削材を単独で任せられる技能者数', 'Staff who can run hard-metal jobs alone', '人', [3, 4, 5], 10, ['N21', 'N40'], true, 'スキルマップ'],
		['K5', '上位2社の売上依存率', 'Dependence on the top two customers', '%', [49, 47, 45], 35, ['N22'], false, '売上台帳'],
		['K6', '医療分野の取引先数', 'Medical-field customers', '社', [6, 7, 8], 15, ['N25', 'N33'], true, '顧客台帳'],
		['K7', '紹介経由の新規取引先数', 'New customers per year via referral', '社/年', [3, 4, 4], 5, ['N13'], true, '営業記録'],
		['K8', '社外流出不良件数', 'Defects found by customers', '件/年', [5, 4, 3], 1, ['N08', 'N09'], true, '不適合報告書'],
	] as const
).map(([id, name, nameEn, unit, values, target, linked, disclosable, source]) => ({
	id,
	nameEn,
	...createKpiCardData({
		companyId: SASAME_COMPANY_ID,
		name,
		unit,
		pastValues: values.map((value, i) => ({ fiscalYear: 2021 + i, value })),
		targetValue: target,
		targetYear: 2028,
		linkedNoteIds: [...linked],
		disclosable,
		source,
	}),
}))

/** Who wrote a note, by the sample's "by" column (OWN, SUC, MEM, OFF, FAC, PEER); N10 is by the patent attorney. */
type By = 'OWN' | 'SUC' | 'MEM' | 'OFF' | 'FAC' | 'IP_FAC' | 'PEER'
const AUTHOR_BY: Readonly<Record<By, string>> = {
	OWN: 'p-shuichi',
	SUC: 'p-aya',
	MEM: 'p-tajima',
	OFF: 'p-kawaguchi',
	FAC: 'p-hojo',
	IP_FAC: 'p-ishida',
	PEER: 'p-komorebi-owner',
}

type NoteRow = [
	id: string,
	text: string,
	kind: NoteKind,
	swot: Swot | null,
	iaClass: IaClass | null,
	timeframe: Timeframe | null,
	step: 1 | 2 | 3 | 4 | 5 | null,
	bank: BankCategory[],
	by: By,
	session: SessionCode,
	extra?: { star?: true; ipr?: true; group?: true },
]

// prettier-ignore
const NOTE_ROWS: readonly NoteRow[] = [
	['N01', '先代からの「他社が断る仕事を断らない」方針', 'PHILOSOPHY', 'S', 'STRUCTURAL', 'PAST', null, ['MGMT'], 'OWN', 'S1'],
	['N02', '他社が断った難加工の試作が集まってくる', 'RESULT', 'S', 'RELATIONAL', 'PAST', 1, ['BIZ'], 'OWN', 'S1'],
	['N03', 'チタン・インコネル等 難削材の切削ノウハウ', 'IA', 'S', 'HUMAN', 'PRESENT', 4, ['TECH'], 'OWN', 'S1'],
	['N04', '工場長（勤続36年）の段取り・刃物選定の勘', 'IA', 'S', 'HUMAN', 'PRESENT', 4, ['EMP'], 'OFF', 'S1'],
	['N05', '加工条件データベース 3,800件（2012年から蓄積）', 'IA', 'S', 'STRUCTURAL', 'PRESENT', 2, ['TECH'], 'FAC', 'INT1'],
	['N06', '試作は1個から、最短3日で出荷', 'DIFFERENTIATION', 'S', 'STRUCTURAL', 'PRESENT', 2, ['BIZ'], 'OWN', 'S2'],
	['N07', '見積の段階で図面を読み解き、加工しやすい形状・公差を提案', 'DIFFERENTIATION', 'S', 'HUMAN', 'PRESENT', 1, ['BIZ'], 'SUC', 'S2'],
	['N08', '全数検査＋三次元測定、検査成績書を10年保管', 'DIFFERENTIATION', 'S', 'STRUCTURAL', 'PRESENT', 5, ['ORG'], 'OWN', 'S2'],
	['N09', 'ISO 9001 認証（2009年取得）', 'IA', 'S', 'STRUCTURAL', 'PAST', 5, ['ORG'], 'OWN', 'S1'],
	['N10', '薄肉チューブ用クランプ治具の特許（2015年登録）', 'IA', 'S', 'STRUCTURAL', 'PAST', 4, ['IP'], 'IP_FAC', 'S2', { ipr: true }],
	['N11', '医療機器メーカーA社と25年の取引（売上の28%）', 'IA', 'S', 'RELATIONAL', 'PRESENT', null, ['PARTNER'], 'OFF', 'S1', { star: true }],
	['N12', 'A社の紹介で半導体装置メーカーB社と取引開始（2018年）', 'RESULT', 'S', 'RELATIONAL', 'PAST', null, ['PARTNER'], 'OFF', 'S2'],
	['N13', '新規取引先の多くが既存のお客様からの紹介', 'CUSTOMER_VALUE', 'S', 'RELATIONAL', 'PRESENT', 1, ['PARTNER'], 'OFF', 'S2', { star: true }],
	['N14', '表面処理・熱処理・研磨の協力工場5社と顔の見える連携', 'IA', 'S', 'RELATIONAL', 'PRESENT', 3, ['PARTNER'], 'OWN', 'S2'],
	['N15', '難削材の材料商と直接取引、小ロット材料を即日入手', 'IA', 'S', 'RELATIONAL', 'PRESENT', 3, ['PARTNER'], 'MEM', 'S2'],
	['N16', 'スキルマップで多能工化（1人平均3工程）', 'IA', 'S', 'STRUCTURAL', 'PRESENT', 4, ['EMP'], 'OWN', 'S2'],
	['N17', '技能検定（機械加工）合格者 11名', 'IA', 'S', 'HUMAN', 'PRESENT', 4, ['EMP'], 'OFF', 'S2'],
	['N18', '毎朝10分の「教えあい」ミーティング', 'IA', 'S', 'STRUCTURAL', 'PRESENT', 4, ['ORG'], 'MEM', 'S2'],
	['N19', 'みどり野信金と40年の取引、毎月の試算表を共有', 'IA', 'S', 'RELATIONAL', 'PRESENT', null, ['FIN'], 'OFF', 'S1', { star: true }],
	['N20', '営業が社長と専務の2人だけに依存', 'WEAKNESS', 'W', null, 'PRESENT', 1, ['ORG'], 'OWN', 'S1'],
	['N21', '難加工の勘所が工場長ら3名に集中（属人化）', 'WEAKNESS', 'W', 'HUMAN', 'PRESENT', 4, ['EMP'], 'FAC', 'S2'],
	['N22', '上位2社で売上の45%', 'WEAKNESS', 'W', null, 'PRESENT', null, ['PARTNER'], 'OFF', 'S1'],
	['N23', '技術を外に伝える発信が弱い（HPは10年前のまま）', 'WEAKNESS', 'W', null, 'PRESENT', 1, ['BIZ'], 'PEER', 'S2', { group: true }],
	['N24', '5軸機が1台だけで、複雑形状は待ちや外注が発生', 'WEAKNESS', 'W', null, 'PRESENT', 4, ['TECH'], 'MEM', 'S2'],
	['N25', '低侵襲手術器具など医療機器部品の需要拡大', 'OPPORTUNITY', 'O', null, 'FUTURE', null, ['ENV_RISK'], 'SUC', 'S2'],
	['N26', '国内の半導体製造装置への投資増加', 'OPPORTUNITY', 'O', null, 'FUTURE', null, ['ENV_RISK'], 'OFF', 'S2'],
	['N27', '大手メーカーが試作の内製を縮小し外注化', 'OPPORTUNITY', 'O', null, 'PRESENT', null, ['ENV_RISK'], 'OWN', 'S2'],
	['N28', '熟練工の高齢化と若手採用難', 'THREAT', 'T', null, 'FUTURE', null, ['EMP'], 'OWN', 'S1'],
	['N29', '量産品では海外の低価格加工と競合', 'THREAT', 'T', null, 'PRESENT', null, ['ENV_RISK'], 'OWN', 'S2'],
	['N30', '半導体市況の波で受注が大きく振れる', 'THREAT', 'T', null, 'FUTURE', null, ['ENV_RISK'], 'OFF', 'S2'],
	['N31', 'ベテランの技を動画マニュアル化し、加工条件DBと紐づける', 'ACTION', null, 'STRUCTURAL', 'FUTURE', 4, ['ORG'], 'SUC', 'S3'],
	['N32', '5軸マシニングセンタ2台目を導入（2025年度）', 'ACTION', null, 'STRUCTURAL', 'FUTURE', 4, ['TECH'], 'OWN', 'S3'],
	['N33', '医療機器の展示会に年2回出展、専務が営業チームを率いる', 'ACTION', null, 'RELATIONAL', 'FUTURE', 1, ['BIZ'], 'SUC', 'S3'],
	['N34', '技術紹介サイトと加工事例集を公開', 'ACTION', null, 'RELATIONAL', 'FUTURE', 1, ['BIZ'], 'OFF', 'S3'],
	['N35', '「難削材の小ロット精密加工なら、まず“ささめ”に相談」と言われる会社', 'VISION', null, null, 'FUTURE', null, ['MGMT'], 'OWN', 'S3'],
	['N36', 'お客様の声：「図面の段階で相談できるので開発が早く進む」', 'CUSTOMER_VALUE', 'S', 'RELATIONAL', 'PRESENT', 1, ['BIZ'], 'SUC', 'S2'],
	['N37', '売上高は3年で3.62億→4.18億円、経常利益も増加', 'RESULT', null, null, 'PRESENT', null, [], 'OWN', 'S3'],
	['N40', '入社5年以内の若手が難削材加工を単独で任される', 'IA', null, 'HUMAN', 'FUTURE', 4, ['EMP'], 'FAC', 'S3'],
]

const participantById = new Map(sasameParticipants.map((person) => [person.id, person]))

/**
 * The 38 board notes (ids N01–N37 and N40), every field filled; `kpiIds` follow from the KPI cards.
 * The sample's N38 and N39 are the officer's memos: they are not board notes but entries of the
 * company's memo doc (`sasameOfficerMemos`), as is the nine-field tagging (`sasameBankFields`).
 */
export const sasameNotes: readonly Note[] = NOTE_ROWS.map(([id, text, kind, swot, iaClass, timeframe, step, , by, session, extra]) => {
	const author = participantById.get(AUTHOR_BY[by])!
	return {
		id,
		...createNoteData({
			text,
			companyId: SASAME_COMPANY_ID,
			authorId: author.id,
			authorName: author.name,
			authorRole: author.role,
			sessionCode: session,
			kind,
			// Only what the sample states counts as set by hand; '—' stays unset.
			swot: swot ?? undefined,
			iaClass: iaClass ?? undefined,
			ipLayer: extra?.ipr ? 'IPR' : undefined,
			timeframe: timeframe ?? undefined,
			processStepId: step === null ? undefined : flowStepId(step),
			kpiIds: sasameKpiCards.filter((card) => card.linkedNoteIds.includes(id)).map((card) => card.id),
			bankHighlightBy: extra?.star ? 'p-kawaguchi' : null,
			visibility: extra?.group ? 'GROUP' : 'COMPANY',
			status: 'AGREED',
		}),
	}
})

/** The officer's tagging of the notes with the bank's nine fields (R12): note id → fields; bank-internal. */
export const sasameBankFields: Readonly<Record<string, BankCategory[]>> = Object.fromEntries(
	NOTE_ROWS.filter((row) => row[7].length > 0).map((row) => [row[0], [...row[7]]])
)

/** The officer's memos of the sample (N38, N39), as entries of the memo doc, with their nine fields. */
export const sasameOfficerMemos: readonly (OfficerMemo & { fields: BankCategory[] })[] = [
	{
		id: 'N38',
		noteId: null,
		text: 'A社25年取引と紹介の連鎖は与信上の安心材料。後継者の営業力は要観察',
		authorId: 'p-kawaguchi',
		authorName: '川口 悠斗',
		createdAt: Date.UTC(2026, 5, 12, 5, 0),
		updatedAt: Date.UTC(2026, 5, 12, 5, 0),
		fields: ['PARTNER', 'MGMT'],
	},
	{
		id: 'N39',
		noteId: null,
		text: '当金庫取引先の医療系ベンチャーC社の試作ニーズと合いそう（マッチング候補）',
		authorId: 'p-kawaguchi',
		authorName: '川口 悠斗',
		createdAt: Date.UTC(2026, 6, 10, 5, 0),
		updatedAt: Date.UTC(2026, 6, 10, 5, 0),
		fields: ['BIZ'],
	},
]

type LinkRow = [id: string, from: string, type: StoryLink['type'], to: string, label: string, labelEn: string]

// prettier-ignore
const PAST_PRESENT_ROWS: readonly LinkRow[] = [
	['L01', 'N01', 'CAUSES', 'N02', '断らないから難題が集まる', 'refusing nothing attracts hard jobs'],
	['L02', 'N02', 'CAUSES', 'N03', '難題を重ねてノウハウが蓄積', 'solving them built know-how'],
	['L03', 'N04', 'CAUSES', 'N05', 'ベテランの勘を数値で記録', "veterans' feel recorded as numbers"],
	['L04', 'N03', 'CAUSES', 'N05', 'ノウハウを形式知化', 'know-how made explicit'],
	['L05', 'N05', 'ENABLES', 'N06', '条件出しが速い', 'faster set-up of conditions'],
	['L06', 'N14', 'ENABLES', 'N06', '後工程も待たない', 'finishing without waiting'],
	['L07', 'N15', 'ENABLES', 'N06', '材料がすぐ揃う', 'materials on hand'],
	['L08', 'N07', 'CAUSES', 'N36', '図面段階の提案', 'proposals at drawing stage'],
	['L09', 'N06', 'CAUSES', 'N11', '短納期試作がA社の開発を支える', "fast prototypes support A's development"],
	['L10', 'N08', 'COMPLEMENTS', 'N11', '医療の品質要求に応える', 'meets medical quality demands'],
	['L11', 'N09', 'COMPLEMENTS', 'N08', '仕組みとしての品質', 'quality as a system'],
	['L12', 'N10', 'ENABLES', 'N03', '治具が薄肉加工を安定させる', 'patented jig stabilises thin-wall work'],
	['L13', 'N11', 'CAUSES', 'N12', 'A社の紹介でB社へ', 'A introduces B'],
	['L14', 'N36', 'CAUSES', 'N13', '評判が紹介を生む', 'reputation brings referrals'],
	['L15', 'N13', 'CAUSES', 'N37', '紹介で顧客が増え売上が伸びる', 'referrals grow sales'],
	['L16', 'N12', 'CAUSES', 'N37', '半導体分野の売上が加わる', 'semiconductor sales added'],
]

// prettier-ignore
const PRESENT_FUTURE_ROWS: readonly LinkRow[] = [
	['L17', 'N31', 'ADDRESSES', 'N21', '属人化を動画とDBで解消', 'videos + DB answer the key-person risk'],
	['L18', 'N31', 'REALIZES', 'N40', '若手の早期戦力化', 'young staff productive sooner'],
	['L19', 'N18', 'COMPLEMENTS', 'N40', '教えあいの習慣が支える', 'teaching habit supports it'],
	['L20', 'N40', 'ENABLES', 'N32', '2台目の5軸を動かせる人がいる', 'operators for the second 5-axis machine'],
	['L21', 'N32', 'REALIZES', 'N25', '複雑形状の医療部品を社内一貫で', 'complex medical parts fully in-house'],
	['L22', 'N33', 'REALIZES', 'N25', '展示会で医療の新規顧客', 'new medical customers via shows'],
	['L23', 'N34', 'COMPLEMENTS', 'N33', '発信で問い合わせを増やす', 'web and case book bring enquiries'],
	['L24', 'N25', 'CAUSES', 'N35', '医療分野の取引先倍増→上位2社依存の低下', 'doubling medical customers lowers top-2 dependence'],
	['L25', 'N31', 'ADDRESSES', 'N28', '高齢化への備え', 'prepares for the ageing workforce'],
]

/** The story links of §6 (L01–L16 past → present, L17–L25 present → future). */
export const sasameStoryLinks: readonly (StoryLink & { labelEn: string })[] = [
	...PAST_PRESENT_ROWS.map((row) => link(row, 'PAST_PRESENT')),
	...PRESENT_FUTURE_ROWS.map((row) => link(row, 'PRESENT_FUTURE')),
]

function link([id, from, type, to, label, labelEn]: LinkRow, segment: StoryLink['segment']): StoryLink & { labelEn: string } {
	return { id, from, to, type, segment, label, labelEn }
}

/** Starter notes for 麺処さくら軒 (the seed's busy-ramen-shop example), for quick multi-company demos. */
export const sakuraKenStarterNotes: readonly Note[] = (
	[
		['R01', '店長の腕（スープの技能・味）', 'HUMAN', false],
		['R02', '立地の目利き', 'HUMAN', false],
		['R03', '常連客のネットワーク', 'RELATIONAL', false],
		['R04', '屋号の商標登録', 'STRUCTURAL', true],
		['R05', '仕込み手順の組織力', 'STRUCTURAL', false],
		['R06', '行列店としてのブランド', 'RELATIONAL', false],
	] as const
).map(([id, text, iaClass, ipr]) => ({
	id,
	...createNoteData({
		text,
		companyId: 'sakura-ken',
		authorId: 'p-hojo',
		authorName: '北条 恵',
		authorRole: 'FACILITATOR',
		sessionCode: 'S1',
		kind: 'IA',
		swot: 'S',
		iaClass,
		ipLayer: ipr ? 'IPR' : undefined,
		timeframe: 'PRESENT',
	}),
}))

/** Note ids per SWOT letter (the `T_SWOT` placement), in id order. */
export function sasameSwot(notes: readonly Note[] = sasameNotes): Record<Swot, string[]> {
	const result: Record<Swot, string[]> = { S: [], W: [], O: [], T: [] }
	for (const note of notes) if (note.swot) result[note.swot].push(note.id)
	return result
}

/** Note ids per business-flow step (the `T_FLOW` columns), in id order. */
export function sasameNotesByStep(notes: readonly Note[] = sasameNotes): Record<string, string[]> {
	const result: Record<string, string[]> = Object.fromEntries(sasameFlowSteps.map((step) => [step.id, []]))
	for (const note of notes) if (note.processStepId) result[note.processStepId]?.push(note.id)
	return result
}
