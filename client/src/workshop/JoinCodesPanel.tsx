import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '@mieruka/shared/workshop/joinCodes'
import type { RotatedLink, Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { api } from '../api/apiClient.ts'
import { saveSession } from '../session/sessionStore.ts'
import { errorText } from '../ui/errorText.ts'
import { QrCode } from './QrCode.tsx'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/**
 * The codes people join with — per company a member code and a bank-officer code (printed on the
 * table cards), and a lobby code for people who do not know their table — and the facilitator's
 * controls over them: new codes, new facilitator/projector links, closing the workshop.
 */
export function JoinCodesPanel({ session }: { session: Session }) {
	const { t } = useTranslation()
	const [view, setView] = useState<WorkshopView | null>(null)
	const [error, setError] = useState<string | null>(null)
	const [shownBank, setShownBank] = useState<string | null>(null)
	const [newLink, setNewLink] = useState<{ kind: 'facilitator' | 'projector'; link: RotatedLink } | null>(null)
	const workshopId = session.workshop.id
	useEffect(() => {
		api.workshop(workshopId, session.token).then(setView, (caught: unknown) => setError(errorText(t, caught)))
	}, [workshopId, session.token, t])
	const run = async (action: () => Promise<void>) => {
		setError(null)
		try {
			await action()
		} catch (caught) {
			setError(errorText(t, caught))
		}
	}
	if (!view)
		return error ? (
			<p className="field-error" role="alert">
				{error}
			</p>
		) : null
	const closed = view.status === 'closed'

	const rotateCodes = () => window.confirm(t('codes.confirmRotate')) && void run(async () => setView(await api.rotateCodes(workshopId, session.token)))
	const closeWorkshop = () =>
		window.confirm(t('codes.confirmClose')) &&
		void run(async () => {
			setView(await api.closeWorkshop(workshopId, session.token))
			// Every document is read-only from now on: load the console again in that state.
			window.location.reload()
		})
	const rotateLink = (kind: 'facilitator' | 'projector') =>
		window.confirm(t(kind === 'facilitator' ? 'codes.confirmRotateFacilitator' : 'codes.confirmRotateProjector')) &&
		void run(async () => {
			const link = await api.rotateLink(workshopId, kind, session.token)
			if (kind === 'facilitator') saveSession({ ...session, token: link.token }, 'facilitator')
			setNewLink({ kind, link })
			if (kind === 'projector') setView(await api.workshop(workshopId, session.token))
		})

	return (
		<section className="side-section" aria-labelledby="codes-heading">
			<h2 id="codes-heading">{t('codes.title')}</h2>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			{closed ? (
				<p className="notice" role="status" data-testid="workshop-closed">
					{t('codes.closed')}
				</p>
			) : (
				<>
					<p className="field-help">{t('codes.perCompanyHint')}</p>
					<ul className="company-codes">
						{view.codes.companies.map((entry) => {
							const company = view.companies.find((candidate) => candidate.id === entry.companyId)
							return (
								<li key={entry.companyId} className="company-codes__row" data-company-id={entry.companyId}>
									<QrCode url={entry.member.url} size={72} label={t('codes.qrFor', { company: company?.name ?? '' })} />
									<div>
										<p className="company-codes__name">{company?.name}</p>
										<p className="join-code join-code--small" data-testid={`member-code-${entry.companyId}`}>
											{formatJoinCode(entry.member.code)}
										</p>
										{shownBank === entry.companyId ? (
											<p className="join-code join-code--small join-code--bank" data-testid={`bank-code-${entry.companyId}`}>
												{t('codes.bankShort')} {formatJoinCode(entry.bank.code)}
											</p>
										) : (
											<button type="button" className="link-button" onClick={() => setShownBank(entry.companyId)}>
												{t('codes.showBank')}
											</button>
										)}
									</div>
								</li>
							)
						})}
					</ul>
					<p className="field-help">{t('codes.bankHint')}</p>
					{view.codes.lobby ? (
						<div className="join-code-block">
							<div>
								<p className="join-code-block__label">{t('codes.lobby')}</p>
								<p className="join-code join-code--small" data-testid="lobby-code">
									{formatJoinCode(view.codes.lobby.code)}
								</p>
								<p className="field-help">{t('codes.lobbyHint')}</p>
							</div>
						</div>
					) : null}
					<p className="button-row">
						<a className="primary-button" href={pagePath(PAGES.tableCards, { workshopId })} target="_blank" rel="noopener" data-testid="table-cards-link">
							{t('codes.printCards')}
						</a>
						<button type="button" className="secondary-button" onClick={rotateCodes} data-testid="rotate-codes">
							{t('codes.rotate')}
						</button>
					</p>
				</>
			)}
			<p className="button-row">
				<a className="secondary-button" href={view.projector.url} target="_blank" rel="noreferrer">
					{t('codes.openProjector')}
				</a>
			</p>
			<details className="danger-zone">
				<summary>{t('codes.links')}</summary>
				<p className="field-help">{t('codes.linksHint')}</p>
				<p className="button-row">
					<button type="button" className="secondary-button" onClick={() => rotateLink('facilitator')}>
						{t('codes.rotateFacilitator')}
					</button>
					<button type="button" className="secondary-button" onClick={() => rotateLink('projector')}>
						{t('codes.rotateProjector')}
					</button>
				</p>
				{newLink ? (
					<div className="new-link" role="status">
						<p>{t(newLink.kind === 'facilitator' ? 'codes.newFacilitatorLink' : 'codes.newProjectorLink')}</p>
						<code className="created__url">{newLink.link.url}</code>
						{newLink.kind === 'facilitator' ? (
							<button type="button" className="primary-button" onClick={() => window.location.reload()}>
								{t('codes.continue')}
							</button>
						) : null}
					</div>
				) : null}
				{closed ? null : (
					<button type="button" className="secondary-button link-button--danger" onClick={closeWorkshop} data-testid="close-workshop">
						{t('codes.close')}
					</button>
				)}
			</details>
		</section>
	)
}
