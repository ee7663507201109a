import type { ParticipantRole } from '../workshop/roles.ts'

/**
 * Who may read and write a company's report (`w.<workshopId>.report.<companyId>`), and who may
 * promote board notes into it. The server's document access table (shared/src/workshop/docAccess.ts)
 * uses this for report documents, and the client uses it to decide what to offer; the server's
 * check is the one that counts (a read-only connection's updates are dropped).
 *
 * | facilitator | bank coordinator | bank officer     | company owner/member | observer, projector |
 * |-------------|------------------|------------------|----------------------|---------------------|
 * | write       | read             | read (own c.)    | write (own company)  | none                |
 */
export type ReportAccess = 'write' | 'read' | 'none'

export interface ReportReader {
	role: ParticipantRole
	companyId: string | null
}

export function reportAccess(reader: ReportReader, reportCompanyId: string): ReportAccess {
	const ownCompany = reader.companyId !== null && reader.companyId === reportCompanyId
	switch (reader.role) {
		case 'FACILITATOR':
			return 'write'
		case 'BANK_COORDINATOR':
			return 'read'
		case 'BANK_OFFICER':
			return ownCompany ? 'read' : 'none'
		case 'COMPANY_OWNER':
		case 'COMPANY_MEMBER':
			return ownCompany ? 'write' : 'none'
		default:
			return 'none'
	}
}

/** Only the facilitator and the company's own people can promote notes into that company's report. */
export function canPromoteToReport(reader: ReportReader, reportCompanyId: string): boolean {
	return reportAccess(reader, reportCompanyId) === 'write'
}
