import { createContext } from 'react'

/**
 * Where a report entry's source note can be shown on the board: the facilitator's board opens on
 * the note (`#note=<id>`). Null for people who have no board view (the phone pages).
 */
export const BoardLinkContext = createContext<((noteId: string) => string) | null>(null)
