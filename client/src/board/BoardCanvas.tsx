import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
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
import type { Role } from '@mieruka/shared/notes/taxonomies'
import { setLanguage } from '../i18n/index.ts'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'
import { ConnectionProblemNotice } from '../sync/ConnectionProblemNotice.tsx'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { BoardChrome, BoardChromeContext, type BoardChromeValue } from './BoardChrome.tsx'
import { boardBindingUtils, boardShapeUtils, customShapeUtils } from './boardUtils.ts'
import { attachBoardIdentity, type BoardIdentity } from './boardIdentity.ts'
import { BoardFeatureContextValue, BoardOverlays } from './features/BoardOverlays.tsx'
import type { BoardCompany } from './features/boardFeatures.ts'
import { boardFeatures } from './features/index.ts'
import { bindPresence } from './presenceBinding.ts'
import { BoardToolbar, StrengthNoteTool, strengthNoteUiOverrides } from './shapes/StrengthNoteTool.tsx'
import { bindStoreToDoc, type BindingProblem } from './storeDocBinding.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** Fonts, icons and tldraw's own translations, served from our build (no CDN). */
const assetUrls = getAssetUrlsByImport()
/** The page's CSP nonce goes on the `<style>` tldraw inserts (its licence watermark). */
const tldrawOptions = { nonce: readRuntimeConfig().styleNonce ?? undefined }
/** How long to wait for the server before opening the copy saved on this device. */
const SERVER_WAIT_MS = 4_000

const components: TLComponents = { SharePanel: BoardChrome, Toolbar: BoardToolbar, InFrontOfTheCanvas: BoardOverlays }
const tools = [StrengthNoteTool]
const NO_MEDIA: readonly string[] = []
const NO_COMPANIES: readonly BoardCompany[] = []
const projectorComponents: TLComponents = {}

export interface BoardUser {
	id: string
	name: string
	color: string
	/** The person's role and company in the workshop (author fields of their notes). */
	role?: Role
	companyId?: string | null
}

export interface BoardCanvasProps {
	docId: string
	user: BoardUser
	/** Access token for workshop documents. */
	token?: string
	/** A read-only board (the projector): no tldraw UI, no editing. */
	readOnly?: boolean
	/** Offered in the top-right chrome; null where the name comes from a token. */
	onRename?: (() => void) | null
	/** Extra controls after the connection badge (e.g. the facilitator's panel toggle). */
	chromeExtras?: ReactNode
	onEditor?: (editor: Editor) => void
	/** The workshop this board belongs to (for features that call the server); omit on open boards. */
	workshopId?: string
	companies?: readonly BoardCompany[]
	onUserPreferences?: (preferences: TLUserPreferences) => void
}

type BoardState = { status: 'loading'; waitingLong: boolean } | { status: 'ready'; store: TLStore } | { status: 'error'; problem: BindingProblem }

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

/**
 * A full-screen tldraw board, live with everyone on the same Yjs document: the store is bound to
 * the doc, presence goes through awareness, and a copy is kept on the device for offline work.
 */
export function BoardCanvas({
	docId,
	user,
	token,
	readOnly = false,
	onRename = null,
	chromeExtras,
	onEditor,
	onUserPreferences,
	workshopId,
	companies = NO_COMPANIES,
}: BoardCanvasProps) {
	const { t, i18n } = useTranslation()
	const [userAtom] = useState(() => atom('board user', user))
	const identity = useMemo<BoardIdentity>(
		() => ({ participantId: user.id, name: user.name, role: user.role ?? 'COMPANY_MEMBER', companyId: user.companyId ?? null }),
		[user]
	)
	const identityNow = useRef(identity)
	identityNow.current = identity
	useEffect(() => {
		userAtom.set(user)
	}, [user, userAtom])
	const currentUser = useMemo(
		() =>
			computed('current user', () => {
				const u = userAtom.get()
				return UserRecordType.create({ id: createUserId(u.id), name: u.name, color: u.color })
			}),
		[userAtom]
	)

	const [connection, setConnection] = useState<DocConnection | null>(null)
	const connectionState = useConnectionState(connection)
	const [state, setState] = useState<BoardState>({ status: 'loading', waitingLong: false })

	useEffect(() => {
		const opened = openDocConnection(docId, { token })
		setConnection(opened)
		setState({ status: 'loading', waitingLong: false })
		const status = atom<'online' | 'offline'>('collaboration status', 'offline')
		const unsubscribe = opened.subscribe(() => status.set(opened.getState() === 'connected' ? 'online' : 'offline'))
		const store = createTLStore({
			shapeUtils: boardShapeUtils,
			bindingUtils: boardBindingUtils,
			users: { currentUser },
			collaboration: { status, mode: atom('collaboration mode', readOnly ? ('readonly' as const) : ('readwrite' as const)) },
		})
		let cancelled = false
		let unbindDoc: (() => void) | undefined
		let unbindPresence: (() => void) | undefined
		void (async () => {
			await opened.localLoaded
			await firstSyncOrTimeout(opened, SERVER_WAIT_MS, () => !cancelled && setState({ status: 'loading', waitingLong: true }))
			if (cancelled) return
			const bound = bindStoreToDoc(store, opened.doc, {
				readOnly,
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
			// A read-only board (the projector) shows others' cursors but publishes none of its own.
			unbindPresence = bindPresence(store, opened.provider.awareness, readOnly ? computed('nobody', () => null) : currentUser)
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
	}, [docId, token, readOnly, currentUser])

	const [tldrawPreferences, setTldrawPreferences] = useState<Partial<TLUserPreferences>>({})
	const userPreferences = useMemo<TLUserPreferences>(
		() => ({ ...tldrawPreferences, id: user.id, name: user.name, color: user.color, locale: i18n.language }),
		[tldrawPreferences, user, i18n.language]
	)
	// tldraw recreates its editor when this handler changes identity, so it must stay the same.
	const onUserPreferencesRef = useRef(onUserPreferences)
	onUserPreferencesRef.current = onUserPreferences
	const setUserPreferences = useCallback((next: TLUserPreferences) => {
		setTldrawPreferences(next)
		onUserPreferencesRef.current?.(next)
		if (next.locale === 'ja' || next.locale === 'en') setLanguage(next.locale)
	}, [])
	const tldrawUser = useTldrawCurrentUser({ userPreferences, setUserPreferences })

	const chrome = useMemo<BoardChromeValue>(
		() => ({ connectionState, userName: user.name, userColor: user.color, rename: onRename, extras: chromeExtras }),
		[connectionState, user, onRename, chromeExtras]
	)

	const featureContext = useMemo(
		() => ({ readOnly, token: token ?? null, workshopId: workshopId ?? null, companies, identity }),
		[readOnly, token, workshopId, companies, identity]
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
			<ConnectionProblemNotice connection={connection} />
			<BoardFeatureContextValue.Provider value={featureContext}>
				<div className={`board-page${readOnly ? ' board-page--read-only' : ''}`} data-connection={connectionState}>
					<Tldraw
						store={state.store}
						shapeUtils={customShapeUtils}
						tools={tools}
						overrides={strengthNoteUiOverrides}
						user={tldrawUser}
						assetUrls={assetUrls}
						components={readOnly ? projectorComponents : components}
						hideUi={readOnly}
						// Images and videos would be stored inline in the board; the server accepts no assets.
						acceptedImageMimeTypes={NO_MEDIA}
						acceptedVideoMimeTypes={NO_MEDIA}
						licenseKey={readRuntimeConfig().tldrawLicenseKey ?? undefined}
						options={tldrawOptions}
						onMount={(editor) => {
							if (readOnly) editor.updateInstanceState({ isReadonly: true })
							exposeForTests(editor)
							attachBoardIdentity(editor, () => identityNow.current)
							const cleanups = boardFeatures.map((feature) => feature.onMount?.(editor, featureContext))
							onEditor?.(editor)
							return () => {
								for (const cleanup of cleanups) cleanup?.()
							}
						}}
					/>
				</div>
			</BoardFeatureContextValue.Provider>
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
				<a href={pagePath(PAGES.home)}>{t('board.home')}</a>
			</p>
		</div>
	)
}
