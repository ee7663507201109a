/**
 * WebSocket close codes the server uses beyond the standard ones, and what a client does on each.
 */
export const CLOSE_CODES = {
	/** The facilitator removed this participant: do not reconnect; the person must join again. */
	REVOKED: 4403,
	/** The participant's role or company changed: reconnect (the new access applies). */
	ROLE_CHANGED: 4010,
	/**
	 * The server refused a change this client made (e.g. to a locked template). The client's copy now
	 * holds something the server never will: discard the local copy and load the server's state.
	 */
	CHANGE_REFUSED: 4409,
	/**
	 * The participant's token was rotated (a facilitator or projector link re-issued, an identity
	 * handed over to a new phone): the old token will be refused, so do not reconnect with it.
	 */
	TOKEN_ROTATED: 4401,
	/** The facilitator closed the workshop: reconnect, the documents are now read-only. */
	WORKSHOP_CLOSED: 4012,
	/**
	 * This client sent more than its budget allows (document changes or presence, in messages or
	 * bytes, or more than the server would queue for it): the server cut the flood. Nothing was
	 * wrong with what it sent, so the client keeps its copy and reconnects — after a back-off, not
	 * at once — and tells the person if it keeps happening.
	 */
	TOO_MANY_MESSAGES: 4429,
	/**
	 * A change would make the document larger than the server stores (DOC_MAX_BYTES); it was not
	 * stored or relayed. Like a refused change: the client's copy holds it, so it discards the local
	 * copy, loads the server's state and tells the person the board is full.
	 */
	DOC_FULL: 4413,
} as const

/**
 * The standard code (RFC 6455) for a message larger than the server accepts (its MAX_FRAME_BYTES):
 * the client would resend it on every reconnect, so it treats it like a refused change.
 */
export const CLOSE_MESSAGE_TOO_BIG = 1009
