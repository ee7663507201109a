/**
 * The seminar programme (brief §2.2): sessions and intervals, in order. The drafting sessions
 * S1–S3 open with a goal card and end with a "next time" card; the intervals carry tasks.
 */
export const SESSION_CODES = ['S0_OVERVIEW', 'S1', 'INT1', 'S2', 'INT2', 'S3', 'INDIVIDUAL', 'POST'] as const
export type SessionCode = (typeof SESSION_CODES)[number]

/** The sessions a facilitator runs in the room (the console's agenda). */
export const ROOM_SESSIONS = ['S0_OVERVIEW', 'S1', 'S2', 'S3'] as const satisfies readonly SessionCode[]
export type RoomSession = (typeof ROOM_SESSIONS)[number]

/** The intervals between room sessions, where follow-up visits and homework happen. */
export const INTERVALS = ['INT1', 'INT2', 'POST'] as const satisfies readonly SessionCode[]

/** The room session after `code` (S3 has none). */
export function nextRoomSession(code: RoomSession): RoomSession | null {
	const index = ROOM_SESSIONS.indexOf(code)
	return ROOM_SESSIONS[index + 1] ?? null
}

/** The room session before `code` (S0 has none): whose "next time" card opens `code`. */
export function previousRoomSession(code: RoomSession): RoomSession | null {
	const index = ROOM_SESSIONS.indexOf(code)
	return index > 0 ? ROOM_SESSIONS[index - 1]! : null
}

/** The goal card a session opens with (brief §2.3 tactic 1): 今日やるべきこと / ゴール / 掘り下げ方. */
export interface GoalCardText {
	/** 今日やるべきこと — today's tasks, one per line. */
	tasks: string
	/** ゴール — what "done" means today. */
	goal: string
	/** 掘り下げ方 — how to dig deeper. */
	howToDig: string
}

/** The card a session ends with (tactic 6); it opens the next session. */
export interface NextTimeCardText {
	/** 次回やること. */
	nextSession: string
	/** 宿題 — homework until then. */
	homework: string
}

/**
 * Starting texts for each session's cards, from the per-session deliverables of brief §2.4 and the
 * S2 tactics of §2.3 (our wording). The facilitator edits them in the console before the session.
 */
export const DEFAULT_SESSION_CARDS: Record<RoomSession, { goal: GoalCardText; nextTime: NextTimeCardText }> = {
	S0_OVERVIEW: {
		goal: {
			tasks: '知的資産経営の考え方を知る\n実践企業の事例レポートを見る\n自社の「見えない強み」を一つ思い浮かべる',
			goal: '「事業価値を高める経営レポート」が何のためのものか、自分の言葉で言える',
			howToDig: '事例を聞きながら「うちならこれだ」と思ったことをメモする',
		},
		nextTime: {
			nextSession: '第1回：企業概要・経営理念・沿革と、強みの棚卸の第一弾',
			homework: '会社の歩み（創業・転機・危機）を年表にメモしてくる',
		},
	},
	S1: {
		goal: {
			tasks: '企業概要と経営理念を書く\n沿革を年表にする\n強み・弱みの付箋を15枚以上出す',
			goal: '理念・沿革・強みの第一弾がボードに並んでいる',
			howToDig: '「なぜ？」を2回。当たり前だと思うことほど付箋に書く',
		},
		nextTime: {
			nextSession: '第2回：業務の流れ（5工程）ごとに強みを洗い出し、各社が発表する',
			homework: '担当者と一度会い、仕事の流れを5つくらいに分けてみる',
		},
	},
	S2: {
		goal: {
			tasks: '業務の流れを5工程に分ける\n工程ごとのこだわり・差別化と強みを書く\n担当者の進行で各社12分の発表',
			goal: '5工程それぞれに強みがあり、「なぜ強みか」が2段掘れている',
			howToDig: '金融機関の目で「すばらしい」と思った点を指摘し、なぜできるのかを一緒に掘る',
		},
		nextTime: {
			nextSession: '第3回：強みを過去〜現在〜将来のストーリーにつなぎ、KPIを決めてA3を仕上げる',
			homework: 'KPI候補ごとに過去3年分の数字と、その元になる記録をそろえる',
		},
	},
	S3: {
		goal: {
			tasks: '強みを矢印でつなぎストーリーにする\nビジョンと取組を書く\nKPIを3〜6個決め、過去の値と目標を入れる',
			goal: 'A3のレポート案ができ、担当者が読んで確認している',
			howToDig: '「この強みがなかったら売上はどう違ったか」で数字につなぐ',
		},
		nextTime: {
			nextSession: 'レポートの活用：金融機関・取引先・社員に見せる',
			homework: '決算報告のタイミングでレポートを見直す',
		},
	},
}

/**
 * The agenda of a 3-hour drafting session (brief §2.4), in minutes from the start. Block names are
 * UI strings (catalogue key `agenda.<key>`).
 */
export const DRAFTING_AGENDA = [
	{ key: 'opening', from: 0, to: 10 },
	{ key: 'demo', from: 10, to: 30 },
	{ key: 'pairWork', from: 30, to: 90 },
	{ key: 'break', from: 90, to: 100 },
	{ key: 'presentations', from: 100, to: 160 },
	{ key: 'wrapUp', from: 160, to: 180 },
] as const
export type AgendaBlockKey = (typeof DRAFTING_AGENDA)[number]['key']
