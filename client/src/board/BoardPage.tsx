import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
	Tldraw,
	atom,
	computed,
	createTLStore,
	createUserId,
	useTldrawCurrentUser,
	UserRecordType,
	type Editor,
	type TLComponents,
	type TLStore,
	type TLUserPreferences,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { setLanguage } from '../i18n/index.ts'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { loadLocalProfile, saveLocalProfile, type LocalProfile } from '../user/localProfile.ts'
import { BoardChrome, BoardChromeContext } from './BoardChrome.tsx'
import { boardBindingUtils, boardShapeUtils } from './boardUtils.ts'
import { bindPresence } from './presenceBinding.ts'
import { bindStoreToDoc, type BindingProblem } from './storeDocBinding.ts'

/** Fonts, icons and tldraw's own translations, served from our build (no CDN). */
const assetUrls = getAssetUrlsByImport()
/** How long to wait for the server before opening the copy saved on this device. */
const SERVER_WAIT_MS = 4_000

const components: TLComponents = { SharePanel: BoardChrome }

type BoardState =
	| { status: 'loading'; waitingLong: boolean }
	| { status: 'ready'; store: TLStore }
	| { status: 'error'; problem: BindingProblem }

/** Resolves when the server's state has arrived, or after `ms` (or at once when offline). */
function firstSyncOrTimeout(connection: DocConnection, ms: number, onSlow: () => void): Promise<void> {
	return new Promise((resolve) => {
		if (connection.hasSynced() || connection.getState() === 'offline') return resolve()
		const slow = setTimeout(onSlow, 800)
		const timer = setTimeout(done, ms)
		const unsubscribe = connection.subscribe(() => {
			if (connection.hasSynced() || connection.getState() === 'offline') done()
		})
		function done() {
			clearTimeout(slow)
			clearTimeout(timer)
			unsubscribe()
			resolve()
		}
	})
}

/** `/b/:docId` — a full-screen tldraw board, live with everyone on the same document. */
export default function BoardPage({ docId }: { docId: string }) {
	const { t, i18n } = useTranslation()
	const [profile, setProfile] = useState<LocalProfile>(() => loadLocalProfile((number) => t('user.guest', { number })))
	const [profileAtom] = useState(() => atom('profile', profile))
	useEffect(() => {
		profileAtom.set(profile)
		saveLocalProfile(profile)
	}, [profile, profileAtom])
	const currentUser = useMemo(
		() =>
			computed('current user', () => {
				const p = profileAtom.get()
				return UserRecordType.create({ id: createUserId(p.id), name: p.name, color: p.color })
			}),
		[profileAtom]
	)

	const [connection, setConnection] = useState<DocConnection | null>(null)
	const connectionState = useConnectionState(connection)
	const [state, setState] = useState<BoardState>({ status: 'loading', waitingLong: false })

	useEffect(() => {
		const opened = openDocConnection(docId)
		setConnection(opened)
		setState({ status: 'loading', waitingLong: false })
		const status = atom<'online' | 'offline'>('collaboration status', 'offline')
		const unsubscribe = opened.subscribe(() => status.set(opened.getState() === 'connected' ? 'online' : 'offline'))
		const store = createTLStore({
			shapeUtils: boardShapeUtils,
			bindingUtils: boardBindingUtils,
			users: { currentUser },
			collaboration: { status, mode: atom('collaboration mode', 'readwrite' as const) },
		})
		let cancelled = false
		let unbindDoc: (() => void) | undefined
		let unbindPresence: (() => void) | undefined
		void (async () => {
			await opened.localLoaded
			await firstSyncOrTimeout(opened, SERVER_WAIT_MS, () => !cancelled && setState({ status: 'loading', waitingLong: true }))
			if (cancelled) return
			const bound = bindStoreToDoc(store, opened.doc, {
				onProblem: (problem) => {
					unbindPresence?.()
					setState({ status: 'error', problem })
				},
			})
			if (!bound.ok) {
				setState({ status: 'error', problem: bound.problem })
				return
			}
			unbindDoc = bound.unbind
			unbindPresence = bindPresence(store, opened.provider.awareness, currentUser)
			setState({ status: 'ready', store })
		})()
		return () => {
			cancelled = true
			unbindPresence?.()
			unbindDoc?.()
			unsubscribe()
			opened.destroy()
			setConnection(null)
		}
	}, [docId, currentUser])

	const [tldrawPreferences, setTldrawPreferences] = useState<Partial<TLUserPreferences>>({})
	const userPreferences = useMemo<TLUserPreferences>(
		() => ({ ...tldrawPreferences, id: profile.id, name: profile.name, color: profile.color, locale: i18n.language }),
		[tldrawPreferences, profile, i18n.language]
	)
	const user = useTldrawCurrentUser({
		userPreferences,
		setUserPreferences: (next) => {
			setTldrawPreferences(next)
			if (next.name && next.name !== profile.name) setProfile((p) => ({ ...p, name: next.name! }))
			if (next.color && next.color !== profile.color) setProfile((p) => ({ ...p, color: next.color! }))
			if (next.locale === 'ja' || next.locale === 'en') setLanguage(next.locale)
		},
	})

	const chrome = useMemo(
		() => ({
			connectionState,
			userName: profile.name,
			userColor: profile.color,
			rename: () => {
				const name = window.prompt(t('user.renamePrompt'), profile.name)?.trim()
				if (name) setProfile((p) => ({ ...p, name: name.slice(0, 40) }))
			},
		}),
		[connectionState, profile, t]
	)

	if (state.status === 'error') return <BoardError problem={state.problem} />
	if (state.status === 'loading') {
		return (
			<div className="page-message" role="status">
				<p>{state.waitingLong ? t('board.waitingForServer') : t('board.loading')}</p>
			</div>
		)
	}
	return (
		<BoardChromeContext.Provider value={chrome}>
			<div className="board-page">
				<Tldraw
					store={state.store}
					user={user}
					assetUrls={assetUrls}
					components={components}
					licenseKey={readRuntimeConfig().tldrawLicenseKey ?? undefined}
					onMount={exposeForTests}
				/>
			</div>
		</BoardChromeContext.Provider>
	)
}

/** Browser tests read the editor through this hook; only when they ask for it. */
function exposeForTests(editor: Editor) {
	if (localStorage.getItem('mieruka.testHooks') === '1') {
		;(window as unknown as { __mierukaEditor?: Editor }).__mierukaEditor = editor
	}
}

function BoardError({ problem }: { problem: BindingProblem }) {
	const { t } = useTranslation()
	return (
		<div className="page-message" role="alert">
			<h1>{t('board.errorTitle')}</h1>
			<p>{problem.kind === 'newer-schema' ? t('board.newerSchema') : t('board.migrationFailed', { reason: problem.reason })}</p>
			<p className="page-message__actions">
				<button type="button" onClick={() => window.location.reload()}>
					{t('board.reload')}
				</button>
				<a href="/">{t('board.home')}</a>
			</p>
		</div>
	)
}
