import type { KeyboardEvent } from 'react'

/**
 * For single-line inputs inside a form: an Enter that confirms an IME conversion (Japanese names,
 * company names) must not submit the form. Chromium does not submit while composing, but Safari
 * sends that Enter as a keydown after compositionend, with keyCode 229; both are stopped here.
 */
export function keepImeEnter(event: KeyboardEvent<HTMLInputElement>): void {
	if (event.key === 'Enter' && (event.nativeEvent.isComposing || event.keyCode === 229)) event.preventDefault()
}
