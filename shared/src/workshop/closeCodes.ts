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
} as const

/**
 * The standard code (RFC 6455) for a message larger than the server accepts (its MAX_FRAME_BYTES):
 * the client would resend it on every reconnect, so it treats it like a refused change.
 */
export const CLOSE_MESSAGE_TOO_BIG = 1009
