import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { listCompanyNotes, type CompanyNote } from './companyNotes.ts'
import { NoteCard } from './NoteCard.tsx'
import type { PhoneVote } from './usePhoneVote.ts'
import './otherCompanyVoting.css'

const ignore = () => undefined

/**
 * While a vote covers other companies' notes (the seed's cross-company appreciation, P19): those
 * notes, read-only, each with this person's dots — so a phone can give a dot to another company's
 * strength. Shown only during such a vote.
 */
export function OtherCompanyVoting({
	records,
	companies,
	ownCompanyId,
	voting,
}: {
	records: BoardRecords | null
	companies: readonly { id: string; name: string }[]
	ownCompanyId: string | null
	voting: PhoneVote
}) {
	const { t } = useTranslation()
	const covered = companies.filter((company) => company.id !== ownCompanyId && voting.covers(company.id))
	const key = covered.map((company) => company.id).join(' ')
	const [notes, setNotes] = useState<{ company: { id: string; name: string }; notes: CompanyNote[] }[]>([])
	// biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `covered` (a new array on every render)
	useEffect(() => {
		if (!records) return
		const read = () => setNotes(covered.map((company) => ({ company, notes: listCompanyNotes(records, company.id) })))
		read()
		records.on('change', read)
		return () => records.off('change', read)
	}, [records, key])
	if (covered.length === 0) return null
	return (
		<section className="note-list-section" aria-labelledby="other-companies-heading" data-testid="other-company-voting">
			<h2 id="other-companies-heading">{t('vote.otherCompanies')}</h2>
			{notes.map(({ company, notes: list }) => (
				<div key={company.id}>
					<h3 className="note-list-company">{company.name}</h3>
					<ul className="note-list">
						{list.map((note) => (
							<NoteCard key={note.id} note={note} own={false} vote={voting.forNote(note.id)} onSave={ignore} onDelete={ignore} />
						))}
					</ul>
				</div>
			))}
		</section>
	)
}
