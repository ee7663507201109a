import { T } from '@tldraw/validate'

/**
 * Small tldraw validators shared by our shape definitions. tldraw validators guard what the board
 * stores and syncs (types, enums, sizes); the zod schemas guard domain rules on input.
 */

/** A string of at most `max` UTF-16 code units; the error names the limit. */
export function boundedString(max: number): T.Validator<string> {
	return T.string.check('max-length', (value) => {
		if (value.length > max) throw new T.ValidationError(`Expected at most ${max} characters, got ${value.length}`)
	})
}

/** An enum validator for one of our `as const` code lists. */
export function codeValidator<const C extends string>(codes: readonly C[]): T.Validator<C> {
	return T.literalEnum(...codes)
}
