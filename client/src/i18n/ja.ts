/** The Japanese catalogue: the source of every UI string. `en.ts` must have the same keys. */
export const ja = {
	app: {
		name: 'mieruka',
		tagline: '知的資産経営セミナーのための共同ホワイトボード',
	},
	language: {
		label: '言語',
		ja: '日本語',
		en: 'English',
	},
	home: {
		title: 'ボードを開く',
		lead: '同じボード名を入力した人どうしで、同じボードを同時に編集できます。',
		boardNameLabel: 'ボード名',
		boardNameHelp: '半角英数字と「-」「_」「.」、128文字まで（例: seminar-2026-1）',
		invalidBoardName: 'ボード名は半角英数字で始まり、英数字と「-」「_」「.」だけを使って128文字以内にしてください。',
		open: '開く',
	},
	board: {
		loading: 'ボードを読み込んでいます…',
		waitingForServer: 'サーバーに接続しています…（接続できない場合は、この端末に保存された内容で開きます）',
		errorTitle: 'ボードを開けませんでした',
		newerSchema: 'このボードは新しいバージョンの mieruka で保存されています。ボードを壊さないよう、編集を止めました。ページを再読み込みしてください（サーバーが更新されていれば最新版が読み込まれます）。',
		migrationFailed: 'ボードのデータを現在の形式に変換できませんでした（{{reason}}）。ボードを壊さないよう、編集を止めました。',
		reload: '再読み込み',
		home: 'トップへ',
	},
	connection: {
		connected: '接続中',
		connecting: '接続しています…',
		reconnecting: '再接続しています…',
		offline: 'オフライン',
		offlineHint: '変更はこの端末に保存され、接続が戻ると自動で送信されます。',
		unsynced: '未送信の変更があります',
	},
	user: {
		nameLabel: '表示名',
		rename: '名前を変更',
		renamePrompt: 'ボード上に表示する名前を入力してください',
		guest: 'ゲスト{{number}}',
	},
} as const

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
/** Shape of a complete catalogue (same keys as Japanese, any text). */
export type Catalogue = Widen<typeof ja>
