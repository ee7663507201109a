import type { BoardFeature } from './boardFeatures.ts'
import { duplicatesFeature } from './duplicates/duplicatesFeature.tsx'
import { focusNoteFromUrlFeature } from './focusNoteFromUrl.ts'
import { notePanelFeature } from './notePanel/notePanelFeature.ts'
import { chainHighlightFeature } from './storyChains/chainHighlightFeature.ts'
import { storyLinkFeature } from './storyLinks/storyLinkFeature.tsx'
import { kpiPanelFeature, templatesFeature, zoneDropsFeature } from './templates/templatesFeature.ts'
import { votingFeature } from './voting/votingFeature.ts'

/** Every board feature, in the order their overlays stack (later = in front). */
export const boardFeatures: BoardFeature[] = [
	chainHighlightFeature,
	zoneDropsFeature,
	templatesFeature,
	storyLinkFeature,
	duplicatesFeature,
	notePanelFeature,
	kpiPanelFeature,
	votingFeature,
	focusNoteFromUrlFeature,
]
