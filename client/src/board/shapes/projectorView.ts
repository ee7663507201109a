import { atom, computed, useValue, type Computed, type Editor } from 'tldraw'

/**
 * The projector's readable overview. A room reads the projector from 8–10 m: note text below
 * PROJECTOR_MIN_TEXT_PX on screen is unreadable there. At the usual overview (three or four company
 * frames on a 1920 px wide projector, zoom ≈ 0.3) a note's own text (15–26 page units) is drawn at
 * 5–9 px, so the projector draws each note summarised instead: its class and the start of its text,
 * at a page size that comes out at PROJECTOR_MIN_TEXT_PX on screen, clipped to the note. Zoomed in
 * far enough the note is drawn as everywhere else. Only the projector page turns this on.
 */
export const PROJECTOR_MIN_TEXT_PX = 24

/** True on the projector page (set by ProjectorPage while it is mounted). */
export const projectorView = atom('projector view', false)

/**
 * The zoom, floored to steps of 0.02, so notes re-render only when it moves a step (not on every
 * frame of a camera animation); flooring keeps the text at least PROJECTOR_MIN_TEXT_PX.
 */
const zoomStepByEditor = new WeakMap<Editor, Computed<number | null>>()

export function useProjectorZoomStep(editor: Editor): number | null {
	let step = zoomStepByEditor.get(editor)
	if (!step) {
		step = computed('projector zoom step', () => (projectorView.get() ? Math.max(0.02, Math.floor(editor.getZoomLevel() * 50) / 50) : null))
		zoomStepByEditor.set(editor, step)
	}
	return useValue(step)
}

/**
 * The page font size of a note's overview text, or null when its own text is readable at this zoom
 * (or this is not the projector).
 */
export function overviewFontSize(noteFontSize: number, zoomStep: number | null): number | null {
	if (zoomStep === null || noteFontSize * zoomStep >= PROJECTOR_MIN_TEXT_PX) return null
	return Math.ceil(PROJECTOR_MIN_TEXT_PX / zoomStep)
}
