import { closeSync, existsSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** One document update as the journal holds it. */
export interface JournalRecord {
	docId: string
	update: Uint8Array
}

/** What was in a journal file when it was opened. */
export interface JournalContents {
	records: JournalRecord[]
	/** Bytes after the last intact record (a write cut short by a crash of the host), dropped. */
	droppedBytes: number
}

const HEADER_BYTES = 8

/**
 * An append-only file of document updates: the one write an update waits for before it is
 * relayed. Appending is a single `write` system call; the records are moved into SQLite in
 * batches later (see SqliteDocStore), and the file is emptied after each batch.
 *
 * Once `write` has returned, the bytes are the kernel's: they survive a SIGKILL of the server,
 * as a SQLite commit with `synchronous=NORMAL` does. With `fsync`, every append also waits for
 * the disk, so it survives power loss of the host as well.
 *
 * A record is: payload length (u32 LE), CRC-32 of the payload (u32 LE), payload (lib0: the doc id
 * as varString, the update as varUint8Array). Reading stops at the first record that is cut short
 * or fails its checksum; only a crash of the host in the middle of a write can leave one, and then
 * only at the end of the file.
 *
 * One server process per file: the journal keeps its own idea of the file's size.
 */
export class UpdateJournal {
	private readonly fd: number
	private readonly fsync: boolean
	private size = 0

	private constructor(fd: number, fsync: boolean) {
		this.fd = fd
		this.fsync = fsync
	}

	/** Opens (or creates) the journal at `path` and returns what it already held. */
	static open(path: string, options: { fsync: boolean }): { journal: UpdateJournal; contents: JournalContents } {
		const bytes = existsSync(path) ? readFileSync(path) : new Uint8Array()
		const contents = readJournal(bytes)
		const journal = new UpdateJournal(openSync(path, 'a'), options.fsync)
		journal.size = bytes.length - contents.droppedBytes
		if (contents.droppedBytes > 0) journal.truncateTo(journal.size)
		return { journal, contents }
	}

	/** Appends one update; returns once the bytes are with the kernel (and the disk, with fsync). */
	append(docId: string, update: Uint8Array): void {
		const record = encodeRecord(docId, update)
		let written = 0
		try {
			written = writeSync(this.fd, record)
			if (written !== record.length) throw new Error(`journal write cut short (${written} of ${record.length} bytes)`)
			if (this.fsync) fdatasyncSync(this.fd)
		} catch (error) {
			// Never leave half a record in front of later ones: reading would stop there.
			if (written > 0) this.truncateTo(this.size)
			throw error
		}
		this.size += record.length
	}

	/** Empties the file (its records are stored elsewhere now). */
	clear(): void {
		this.truncateTo(0)
	}

	close(): void {
		closeSync(this.fd)
	}

	private truncateTo(size: number): void {
		ftruncateSync(this.fd, size)
		this.size = size
	}
}

function encodeRecord(docId: string, update: Uint8Array): Buffer {
	const encoder = encoding.createEncoder()
	encoding.writeVarString(encoder, docId)
	encoding.writeVarUint8Array(encoder, update)
	const payload = encoding.toUint8Array(encoder)
	const record = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
	record.writeUInt32LE(payload.length, 0)
	record.writeUInt32LE(crc32(payload), 4)
	record.set(payload, HEADER_BYTES)
	return record
}

/** The intact records of a journal file, in the order they were written. */
export function readJournal(bytes: Uint8Array): JournalContents {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const records: JournalRecord[] = []
	let offset = 0
	while (buffer.length - offset >= HEADER_BYTES) {
		const length = buffer.readUInt32LE(offset)
		const end = offset + HEADER_BYTES + length
		if (end > buffer.length) break
		const payload = buffer.subarray(offset + HEADER_BYTES, end)
		if (crc32(payload) !== buffer.readUInt32LE(offset + 4)) break
		const record = decodePayload(payload)
		if (!record) break
		records.push(record)
		offset = end
	}
	return { records, droppedBytes: buffer.length - offset }
}

function decodePayload(payload: Uint8Array): JournalRecord | null {
	try {
		const decoder = decoding.createDecoder(payload)
		const docId = decoding.readVarString(decoder)
		const update = decoding.readVarUint8Array(decoder)
		return decoding.hasContent(decoder) ? null : { docId, update }
	} catch {
		return null
	}
}
