import { useEffect, useRef, type CSSProperties } from 'react'
import type * as Y from 'yjs'
import { TEXT_MAX_CHARS } from '@mieruka/shared/report/reportModel'
import { bindTextElement } from './textBinding.ts'

export interface CollabTextProps {
	ytext: Y.Text
	id: string
	multiline: boolean
	rows?: number
	readOnly: boolean
	placeholder?: string
	describedBy?: string
	invalid?: boolean
}

/**
 * A text box several people edit at once: bound to a Y.Text (textBinding.ts), uncontrolled so
 * React never rewrites what the person is typing or converting.
 */
export function CollabText({ ytext, id, multiline, rows, readOnly, placeholder, describedBy, invalid }: CollabTextProps) {
	const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null)
	useEffect(() => {
		const element = ref.current
		if (!element) return
		return bindTextElement(element, ytext)
	}, [ytext])
	const common = {
		ref,
		id,
		readOnly,
		placeholder,
		'aria-describedby': describedBy,
		'aria-invalid': invalid || undefined,
		className: `report-input${multiline ? ' report-input--multi' : ''}`,
		spellCheck: false,
		autoComplete: 'off',
		// The same hard limit as the server's import of a report.json (reportSchema.ts).
		maxLength: TEXT_MAX_CHARS,
	}
	return multiline ? <textarea {...common} rows={rows ?? 1} style={{ '--rows': rows ?? 1 } as CSSProperties} /> : <input {...common} type="text" />
}
