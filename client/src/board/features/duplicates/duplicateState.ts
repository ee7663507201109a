import { boardState } from '../../boardState.ts'
import type { DuplicateGroup } from '@mieruka/shared/notes/similarity'

/** Groups of notes within a company that say nearly the same thing (recomputed as the board changes). */
export const duplicateGroups = boardState<readonly DuplicateGroup[]>('duplicate groups', () => [])
