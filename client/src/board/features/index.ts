import type { BoardFeature } from './boardFeatures.ts'

/** Every board feature, in the order their overlays stack (later = in front). */
export const boardFeatures: BoardFeature[] = []
