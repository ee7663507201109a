import type { SessionCode } from './sessions.ts'

/**
 * The prompt library (brief §9): task cards the facilitator (or the bank coordinator) hands to a
 * participant at a given moment. Our own transcription; the Japanese card text is what the
 * assignee's phone shows, the English gloss helps non-Japanese readers and the docs.
 *
 * Only the facilitator's console and the coordinator's panel import this module (the phone page
 * receives the card text inside the assignment, so this data never weighs on it).
 */

/** Who performs or is addressed by a prompt (brief §9 "assignee → to"). */
export const PROMPT_PARTIES = ['FACILITATOR', 'BANK_COORDINATOR', 'BANK_OFFICER', 'COMPANY', 'COMPANY_OWNER', 'OTHER_COMPANY', 'ALL'] as const
export type PromptParty = (typeof PROMPT_PARTIES)[number]

/** Evidence label of the brief: seed, confirmed source, our inference. */
export type PromptBasis = 'S' | 'C' | 'I'

/** Sections of brief §9. */
export const PROMPT_SECTIONS = ['OPENING', 'INVENTORY', 'PRESENTATION', 'STORY', 'VISIBLE', 'CLOSING', 'REPORT'] as const
export type PromptSection = (typeof PROMPT_SECTIONS)[number]

export interface PromptCard {
	/** `P01`–`P38`. */
	code: string
	section: PromptSection
	/** A short title for lists and the phone card's heading (ours). */
	titleJa: string
	/** The card text. `○○` marks a blank the facilitator fills in before assigning. */
	bodyJa: string
	glossEn: string
	/** Who performs it; two entries for the brief's "A + B". */
	assigneeRole: readonly PromptParty[]
	/** Who is addressed; empty when the assignee does it for themselves. */
	targetRole: readonly PromptParty[]
	/** When it is typically used (brief §2.2; aligned with the sample company's seminar log). */
	sessionCodes: readonly SessionCode[]
	expectedArtefact: string
	basis: readonly PromptBasis[]
	/** Minutes, where the card gives a timebox. */
	timeboxMin?: number
}

const OPENING_SESSIONS = ['S1', 'S2', 'S3'] as const
const INVENTORY_SESSIONS = ['S1', 'S2'] as const

export const PROMPT_LIBRARY = [
	// 9.1 Opening and climate (場づくり)
	{
		code: 'P01',
		section: 'OPENING',
		titleJa: '今日のゴールを示す',
		bodyJa: '今日のゴールは「○○」です。やることは3つ、掘り下げ方は「なぜ？を2回」です。',
		glossEn: "State today's goal, the three tasks and the digging rule at the start.",
		assigneeRole: ['FACILITATOR'],
		targetRole: ['ALL'],
		sessionCodes: OPENING_SESSIONS,
		expectedArtefact: 'goal card',
		basis: ['S'],
	},
	{
		code: 'P02',
		section: 'OPENING',
		titleJa: '「普通です」禁止',
		bodyJa: '「そんなの普通です」は今日は禁止。当たり前だと思うことほど付箋に書いてください。',
		glossEn: 'Ban "that\'s nothing special"; the ordinary things are the ones to write down.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['ALL'],
		sessionCodes: OPENING_SESSIONS,
		expectedArtefact: 'notes',
		basis: ['I'],
	},
	{
		code: 'P03',
		section: 'OPENING',
		titleJa: '「へえ」を一枚',
		bodyJa: '○○さん、担当先の話で「へえ」と思ったことを一つ、付箋にして社長に見せてください。',
		glossEn: 'Nudge a quiet officer with a small, concrete entry task.',
		assigneeRole: ['BANK_COORDINATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['S1', 'S2'],
		expectedArtefact: '1 officer note',
		basis: ['S'],
	},
	{
		code: 'P04',
		section: 'OPENING',
		titleJa: '担当者の役割',
		bodyJa: '行員の皆さんの役割は教えることではなく、銀行の目で驚き、質問し、書き留めることです。',
		glossEn: "Explain the officer's role: be surprised, ask, record — not teach.",
		assigneeRole: ['BANK_COORDINATOR', 'FACILITATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['S1', 'S2'],
		expectedArtefact: '—',
		basis: ['S', 'I'],
	},
	// 9.2 Inventory (棚卸)
	{
		code: 'P05',
		section: 'INVENTORY',
		titleJa: '業務の流れを聞く',
		bodyJa: 'お客様から最初に連絡が来てから代金をいただくまで、仕事はどんな順番で流れますか？5つくらいに分けてみましょう。',
		glossEn: 'Ask your company questions to list its business processes (≈5 steps).',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: 'T_FLOW step headers',
		basis: ['S'],
	},
	{
		code: 'P06',
		section: 'INVENTORY',
		titleJa: '他社が省くこと',
		bodyJa: 'この工程で、他社なら省くけれど御社は必ずやっていることは何ですか？',
		glossEn: 'For each step, what do you always do that others skip?',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: 'DIFFERENTIATION notes',
		basis: ['C'],
	},
	{
		code: 'P07',
		section: 'INVENTORY',
		titleJa: '銀行目線の強み',
		bodyJa: '金融機関から見ると「○○」はすばらしい強みです。付箋に書いて、ここに貼りましょう。',
		glossEn: "Point out what is excellent from the bank's viewpoint and post it.",
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: INVENTORY_SESSIONS,
		expectedArtefact: 'note + bankHighlight',
		basis: ['S'],
	},
	{
		code: 'P08',
		section: 'INVENTORY',
		titleJa: 'なぜ強みか、もう一段',
		bodyJa: 'それはなぜできるのでしょう？理由を一枚ずつ下につなげて、もう一段掘りましょう。',
		glossEn: 'Dig into why it is a strength, together, one note per reason, two levels deep.',
		assigneeRole: ['BANK_OFFICER', 'COMPANY'],
		targetRole: [],
		sessionCodes: INVENTORY_SESSIONS,
		expectedArtefact: 'chain of notes (CAUSES)',
		basis: ['S'],
	},
	{
		code: 'P09',
		section: 'INVENTORY',
		titleJa: '選ばれ続ける理由',
		bodyJa: 'お客様が御社を選び続ける理由を、お客様の言葉で言うと何ですか？',
		glossEn: "Why do customers keep choosing you — in the customer's words?",
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: INVENTORY_SESSIONS,
		expectedArtefact: 'CUSTOMER_VALUE notes',
		basis: ['I'],
	},
	{
		code: 'P10',
		section: 'INVENTORY',
		titleJa: '辞めたら残るか',
		bodyJa: 'この方が明日辞めたら、この強みは会社に残りますか？残るなら「仕組み」、持っていかれるなら「人」の列へ。',
		glossEn: 'The leaving test: stays → structural, leaves with the person → human.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: 'iaClass set',
		basis: ['I'],
	},
	{
		code: 'P11',
		section: 'INVENTORY',
		titleJa: '社長が譲らないこと',
		bodyJa: '社長が仕事で絶対に譲らないことは何ですか？いつ、なぜそう決めたのですか？',
		glossEn: "Hear the owner's non-negotiables and their origin (philosophy).",
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY_OWNER'],
		sessionCodes: ['S1'],
		expectedArtefact: 'PHILOSOPHY notes, R2',
		basis: ['S'],
	},
	{
		code: 'P12',
		section: 'INVENTORY',
		titleJa: '一番苦しかった時期',
		bodyJa: '一番苦しかった時期はいつで、何が会社を救いましたか？',
		glossEn: 'The hardest period and what saved the company.',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S1'],
		expectedArtefact: 'HISTORY_EVENT + IA gained',
		basis: ['I'],
	},
	{
		code: 'P13',
		section: 'INVENTORY',
		titleJa: '技術をお客様の言葉に',
		bodyJa: 'この技術（特許）が、お客様のどんな困りごとを解決しているか、一文で言い直してください。',
		glossEn: 'Restate a technology or patent as the customer problem it solves.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: 'CUSTOMER_VALUE note linked to IPR/IP note',
		basis: ['S'],
	},
	{
		code: 'P14',
		section: 'INVENTORY',
		titleJa: '社長が一週間いないと',
		bodyJa: '社長が一週間いないと、どの仕事が止まりますか？',
		glossEn: 'What stops if the owner is away for a week? (surfaces weaknesses, key-person risk)',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S1'],
		expectedArtefact: 'WEAKNESS notes',
		basis: ['I'],
	},
	{
		code: 'P15',
		section: 'INVENTORY',
		titleJa: '追い風と向かい風',
		bodyJa: 'この3年で、お客様や業界で一番変わったことは何ですか？追い風と向かい風に分けてください。',
		glossEn: 'Biggest change in 3 years; split into tailwinds and headwinds.',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: INVENTORY_SESSIONS,
		expectedArtefact: 'OPPORTUNITY / THREAT notes',
		basis: ['I'],
	},
	{
		code: 'P16',
		section: 'INVENTORY',
		titleJa: '3列に仕分ける',
		bodyJa: '付箋を「人」「仕組み」「つながり」の3列に移しましょう。迷うものは真ん中に。',
		glossEn: 'Sort notes into human / structural / relational; park the unsure ones.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['ALL'],
		sessionCodes: ['S2'],
		expectedArtefact: 'T_IA3 filled',
		basis: ['C'],
	},
	// 9.3 Presentation and cross-talk (S2 focus)
	{
		code: 'P17',
		section: 'PRESENTATION',
		titleJa: '発表の進行役',
		bodyJa: '次は担当先の業務プロセス発表です。進行をお願いします（持ち時間12分、質問2つ）。',
		glossEn: "Facilitate your company's presentation.",
		assigneeRole: ['FACILITATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['S2'],
		expectedArtefact: 'presenter token to officer',
		basis: ['S'],
		timeboxMin: 12,
	},
	{
		code: 'P18',
		section: 'PRESENTATION',
		titleJa: '金融機関の立場で一問',
		bodyJa: '今の工程の話で、金融機関の立場から気になった点を一つ質問してください。',
		glossEn: "Ask one question or comment on the presentation from the bank's side.",
		assigneeRole: ['FACILITATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['S2'],
		expectedArtefact: 'comment note',
		basis: ['S'],
	},
	{
		code: 'P19',
		section: 'PRESENTATION',
		titleJa: '他社へ強みを贈る',
		bodyJa: '他社の経営者として、「うちにはない」と思った強みを一つ付箋で贈ってください。',
		glossEn: "Peer company: gift one note on a strength you don't have.",
		assigneeRole: ['FACILITATOR'],
		targetRole: ['OTHER_COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: "GROUP note on presenter's board",
		basis: ['I'],
	},
	{
		code: 'P20',
		section: 'PRESENTATION',
		titleJa: '今日の「宝」',
		bodyJa: '発表で一番反応があった強みはどれでしたか？それを今日の「宝」として印をつけましょう。',
		glossEn: "Mark the strength that drew most reaction as today's key asset.",
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S2'],
		expectedArtefact: 'star on note',
		basis: ['I'],
	},
	// 9.4 Story (ストーリー化)
	{
		code: 'P21',
		section: 'STORY',
		titleJa: '強みを矢印でつなぐ',
		bodyJa: 'この強みは何から生まれ、何につながっていますか？矢印でつないでください。',
		glossEn: 'Connect each strength to where it came from and what it leads to.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY', 'BANK_OFFICER'],
		sessionCodes: ['S3'],
		expectedArtefact: 'connectors',
		basis: ['S', 'C'],
	},
	{
		code: 'P22',
		section: 'STORY',
		titleJa: 'この強みがなかったら',
		bodyJa: 'この強みがなかったら、売上や利益はどう違っていたと思いますか？',
		glossEn: 'Without this strength, how would sales/profit differ? (link to financials)',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'RESULT note, R11 link',
		basis: ['S'],
	},
	{
		code: 'P23',
		section: 'STORY',
		titleJa: '5年後の御社',
		bodyJa: '左の「これまで」の流れを右に延ばすと、5年後の御社はどうなっていますか？',
		glossEn: 'Extend the past→present chain to the right: where are you in 5 years?',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'VISION note',
		basis: ['S', 'C'],
	},
	{
		code: 'P24',
		section: 'STORY',
		titleJa: '紹介されたい一言',
		bodyJa: '5年後、お客様からどんな一言で紹介される会社になっていたいですか？',
		glossEn: 'In 5 years, what one-line referral do you want customers to give?',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'vision wording',
		basis: ['I'],
	},
	{
		code: 'P25',
		section: 'STORY',
		titleJa: '足りない人・仕組み・つながり',
		bodyJa: 'そのために今足りない「人・仕組み・つながり」は何ですか？どう手に入れますか？',
		glossEn: 'What people / systems / relationships are missing, and how will you get them?',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'FUTURE IA notes + ACTION',
		basis: ['C'],
	},
	// 9.5 Make visible (見える化 / KPI)
	{
		code: 'P26',
		section: 'VISIBLE',
		titleJa: '強みを数字で',
		bodyJa: 'その強みを、毎年数えられる数字で表すと何になりますか？',
		glossEn: 'Express the strength as a number you can count every year.',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'KPI card',
		basis: ['S'],
	},
	{
		code: 'P27',
		section: 'VISIBLE',
		titleJa: '数字の裏付け',
		bodyJa: 'その数字の元になる記録は何ですか？次回までに過去3年分を一緒に確認しましょう。',
		glossEn: 'What record backs the number? Check 3 past years together before next time.',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['INT2', 'S3'],
		expectedArtefact: 'KPI source, values; interval task',
		basis: ['S'],
	},
	{
		code: 'P28',
		section: 'VISIBLE',
		titleJa: '見せてよい指標か',
		bodyJa: 'この指標は銀行や取引先に見せても大丈夫ですか？社内だけにしますか？',
		glossEn: 'Is this indicator disclosable, or internal only?',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'disclosable flag',
		basis: ['S'],
	},
	// 9.6 Closing, interval and follow-up
	{
		code: 'P29',
		section: 'CLOSING',
		titleJa: '次回と宿題',
		bodyJa: '次回やることは○○、宿題は○○です。',
		glossEn: 'Share what the next session will do and the homework.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['ALL'],
		sessionCodes: ['S1', 'S2', 'S3'],
		expectedArtefact: '"next time" card',
		basis: ['S'],
	},
	{
		code: 'P30',
		section: 'CLOSING',
		titleJa: '次回のゴールを共有',
		bodyJa: '次回はこういう状態をゴールにします（完成イメージを見せる）。',
		glossEn: 'After the session, explain to officers the image and goal of the next one.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['INT1', 'INT2'],
		expectedArtefact: 'goal preview',
		basis: ['S'],
	},
	{
		code: 'P31',
		section: 'CLOSING',
		titleJa: '訪問して進み具合を確認',
		bodyJa: '次回までに担当先を一度訪問し、宿題の進み具合を確認して報告してください。',
		glossEn: 'Manage progress and support your company during the interval.',
		assigneeRole: ['BANK_COORDINATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['INT1', 'INT2'],
		expectedArtefact: 'interval task with due date',
		basis: ['S'],
	},
	{
		code: 'P32',
		section: 'CLOSING',
		titleJa: 'フォロー訪問で質問役',
		bodyJa: '（フォロー訪問）前半は支援者が聞きます。後半は○○さんが質問してみましょう。',
		glossEn: 'Follow-up visit: officer watches the expert, then takes over the questioning.',
		assigneeRole: ['FACILITATOR', 'BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['INT1'],
		expectedArtefact: 'visit log',
		basis: ['S'],
	},
	// 9.7 Report, disclosure and use
	{
		code: 'P33',
		section: 'REPORT',
		titleJa: '最初に見せたい相手',
		bodyJa: 'このレポートを最初に見せたい相手は誰ですか？',
		glossEn: 'Who should read this report first?',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3'],
		expectedArtefact: 'R0 audience',
		basis: ['I'],
	},
	{
		code: 'P34',
		section: 'REPORT',
		titleJa: '稟議の目で読む',
		bodyJa: '稟議を書く立場で読み、分かりにくい言葉に印をつけてください。',
		glossEn: 'Read the draft as if writing a credit memo; mark unclear words.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['BANK_OFFICER'],
		sessionCodes: ['S3'],
		expectedArtefact: 'review comments',
		basis: ['I'],
	},
	{
		code: 'P35',
		section: 'REPORT',
		titleJa: 'ビジネスマッチングのメモ',
		bodyJa: 'この強みを必要としていそうな他の取引先を思いついたら、行内メモに残してください。',
		glossEn: 'Note possible business-matching partners — bank-internal only.',
		assigneeRole: ['BANK_OFFICER'],
		targetRole: [],
		sessionCodes: ['S3'],
		expectedArtefact: 'BANK_OBSERVATION (BANK_INTERNAL)',
		basis: ['S'],
	},
	{
		code: 'P36',
		section: 'REPORT',
		titleJa: '決算時に更新する',
		bodyJa: '決算報告のタイミングで、このレポートを更新しましょう。',
		glossEn: 'Plan a revision at the next financial-results briefing.',
		assigneeRole: ['FACILITATOR'],
		targetRole: ['COMPANY'],
		sessionCodes: ['S3', 'POST'],
		expectedArtefact: 'revision reminder',
		basis: ['C'],
	},
	{
		code: 'P37',
		section: 'REPORT',
		titleJa: '朝礼で社員に説明',
		bodyJa: '完成したレポートを朝礼で社員に説明してみましょう。',
		glossEn: 'Explain the finished report to staff at a morning meeting.',
		assigneeRole: ['COMPANY_OWNER'],
		targetRole: [],
		sessionCodes: ['POST'],
		expectedArtefact: '—',
		basis: ['S'],
	},
	{
		code: 'P38',
		section: 'REPORT',
		titleJa: '9分野でタグ付け',
		bodyJa: '行内用に、付箋を金融機関の9分野（経営者〜外部環境・リスク対応）でタグ付けし、空白の分野を次回の質問にしてください。',
		glossEn: "Bank-internal: tag notes with the 9 non-financial fields and turn empty fields into next session's questions.",
		assigneeRole: ['BANK_OFFICER'],
		targetRole: [],
		sessionCodes: ['S2'],
		expectedArtefact: 'bankCategory tags; QUESTION notes',
		basis: ['S', 'I'],
	},
] as const satisfies readonly PromptCard[]

export type PromptCode = (typeof PROMPT_LIBRARY)[number]['code']

const byCode = new Map<string, PromptCard>(PROMPT_LIBRARY.map((card) => [card.code, card]))

export function findPrompt(code: string): PromptCard | null {
	return byCode.get(code) ?? null
}

/** Cards typically used in `session` (all cards when null). */
export function promptsForSession(session: SessionCode | null): PromptCard[] {
	return PROMPT_LIBRARY.filter((card) => session === null || (card.sessionCodes as readonly SessionCode[]).includes(session))
}

/** Cards the bank coordinator may hand out (assignee includes BANK_COORDINATOR, addressed to officers). */
export function coordinatorPrompts(): PromptCard[] {
	return PROMPT_LIBRARY.filter((card) => (card.assigneeRole as readonly PromptParty[]).includes('BANK_COORDINATOR'))
}
