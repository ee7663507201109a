import type { Catalogue } from './ja.ts'

/** The English catalogue; typed against the Japanese one, so a missing key fails typecheck. */
export const en: Catalogue = {
	app: {
		name: 'mieruka',
		tagline: 'A shared whiteboard for intellectual-asset management seminars',
	},
	language: {
		label: 'Language',
		ja: '日本語',
		en: 'English',
	},
	home: {
		title: 'Open a board',
		lead: 'Everyone who enters the same board name edits the same board at the same time.',
		boardNameLabel: 'Board name',
		boardNameHelp: 'Letters, digits, "-", "_" and ".", up to 128 characters (e.g. seminar-2026-1)',
		invalidBoardName: 'A board name starts with a letter or digit and uses only letters, digits, "-", "_" and ".", up to 128 characters.',
		open: 'Open',
	},
	board: {
		loading: 'Loading the board…',
		waitingForServer: 'Connecting to the server… (if it cannot be reached, the copy saved on this device opens)',
		errorTitle: 'The board could not be opened',
		newerSchema: 'This board was saved by a newer version of mieruka. Editing is stopped so that nothing is damaged. Reload the page (if the server was updated, the new version loads).',
		migrationFailed: 'The board data could not be converted to the current format ({{reason}}). Editing is stopped so that nothing is damaged.',
		reload: 'Reload',
		home: 'Home',
	},
	connection: {
		connected: 'Connected',
		connecting: 'Connecting…',
		reconnecting: 'Reconnecting…',
		offline: 'Offline',
		offlineHint: 'Your changes are kept on this device and sent automatically when the connection returns.',
		unsynced: 'Changes not sent yet',
	},
	user: {
		nameLabel: 'Display name',
		rename: 'Change name',
		renamePrompt: 'Enter the name to show on the board',
		guest: 'Guest {{number}}',
	},
}
