/**
 * The one rule for what happens to text people type (notes on the phone and the board, the report's
 * fields, their imports, their print): it is kept as typed. Composed to NFC (a kana and a separate
 * voiced mark become one が, as most keyboards type it) — except CJK compatibility ideographs
 * (U+F900–U+FAFF, U+2F800–U+2FA1F), which NFC would turn into other code points although names
 * are written with them (神, 﨑). Ideographic spaces
 * (U+3000), zero-width joiners of emoji sequences (U+200C/U+200D) and direction marks
 * (U+200E/U+200F) stay — and only characters that break layout or can disguise text are removed:
 *
 * - C0 and C1 control characters except line feed and tab (CR and CR LF become LF; U+2028 and
 *   U+2029, the Unicode line and paragraph separators, become LF too);
 * - U+200B zero-width space (invisible; it splits words for search and breaks copy);
 * - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: an
 *   unclosed override reverses the text after it, so a printed figure could read differently from
 *   what was stored;
 * - U+FEFF byte-order mark / zero-width no-break space.
 *
 * Trimming, where a caller wants it, removes ASCII spaces, tabs and line breaks only, never U+3000.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removes control characters from user text on purpose
const LAYOUT_BREAKING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g

/** NFC everywhere except in runs of CJK compatibility ideographs. */
function composeKeepingCompatibilityIdeographs(value: string): string {
	return value.replace(/[^\uf900-\ufaff\u{2f800}-\u{2fa1f}]+/gu, (run) => run.normalize('NFC'))
}

export function removeLayoutBreakingCharacters(value: string): string {
	return composeKeepingCompatibilityIdeographs(value.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(LAYOUT_BREAKING, ''))
}

/** Trims ASCII white space (spaces, tabs, line breaks) at both ends; an ideographic space stays. */
export function trimAsciiSpace(value: string): string {
	return value.replace(/^[ \t\n]+|[ \t\n]+$/g, '')
}
