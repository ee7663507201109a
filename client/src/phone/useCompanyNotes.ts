import { useEffect, useState } from 'react'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { listCompanyNotes, type CompanyNote } from './companyNotes.ts'

/** The company's notes, re-read whenever the board doc changes (from here or from anyone else). */
export function useCompanyNotes(records: BoardRecords | null, companyId: string | null): CompanyNote[] {
	const [notes, setNotes] = useState<CompanyNote[]>([])
	useEffect(() => {
		if (!records || !companyId) return
		const read = () => setNotes(listCompanyNotes(records, companyId))
		read()
		records.on('change', read)
		return () => records.off('change', read)
	}, [records, companyId])
	return notes
}
