/** A refused console action: the HTTP status and an error code the UI translates (`errors.<code>`). */
export class ConsoleError extends Error {
	readonly status: 400 | 403 | 404 | 409
	readonly code: string
	constructor(status: 400 | 403 | 404 | 409, code: string) {
		super(code)
		this.status = status
		this.code = code
	}
}
