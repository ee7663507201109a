import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { INDUSTRIES, type Industry } from '@mieruka/shared/workshop/industries'
import { formatJoinCode } from '@mieruka/shared/workshop/joinCodes'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { ApiError, api } from '../api/apiClient.ts'
import { errorText } from '../ui/errorText.ts'
import { keepImeEnter } from '../ui/imeEnter.ts'

interface CompanyRow {
	name: string
	industry: Industry
}

const emptyCompany = (): CompanyRow => ({ name: '', industry: 'MANUFACTURING' })

/**
 * Creating a workshop: title, bank, facilitator and the 3–4 companies. The server lays out the
 * board (one frame per company) and answers with the links and join codes shown afterwards.
 */
export function CreateWorkshopForm() {
	const { t } = useTranslation()
	const [title, setTitle] = useState('')
	const [bankName, setBankName] = useState('')
	const [facilitatorName, setFacilitatorName] = useState('')
	const [companies, setCompanies] = useState<CompanyRow[]>([emptyCompany(), emptyCompany(), emptyCompany()])
	const [adminSecret, setAdminSecret] = useState('')
	const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
	const [error, setError] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)
	const [created, setCreated] = useState<CreatedWorkshop | null>(null)

	const setCompany = (index: number, change: Partial<CompanyRow>) => setCompanies((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)))

	const submit = async (event: FormEvent) => {
		event.preventDefault()
		setBusy(true)
		setError(null)
		setFieldErrors({})
		try {
			const filled = companies.filter((company) => company.name.trim() !== '')
			setCreated(await api.createWorkshop({ title, bankName, facilitatorName, companies: filled }, adminSecret.trim() || undefined))
		} catch (caught) {
			if (caught instanceof ApiError && caught.issues.length > 0) {
				setFieldErrors(Object.fromEntries(caught.issues.map((issue) => [issue.path, t(`errors.${issue.code}`)])))
				setError(t('create.fixFields'))
			} else {
				setError(errorText(t, caught))
			}
		} finally {
			setBusy(false)
		}
	}

	if (created) return <CreatedWorkshopCard created={created} />

	const fieldError = (path: string) =>
		fieldErrors[path] ? (
			<p className="field-error" role="alert">
				{fieldErrors[path]}
			</p>
		) : null

	return (
		<form className="card create-form" onSubmit={submit} noValidate>
			<h2>{t('create.title')}</h2>
			<p>{t('create.lead')}</p>
			<label htmlFor="ws-title">{t('create.workshopTitle')}</label>
			<input
				id="ws-title"
				className="text-input"
				value={title}
				maxLength={80}
				placeholder={t('create.workshopTitlePlaceholder')}
				onChange={(e) => setTitle(e.target.value)}
				onKeyDown={keepImeEnter}
			/>
			{fieldError('title')}
			<label htmlFor="ws-bank">{t('create.bankName')}</label>
			<input id="ws-bank" className="text-input" value={bankName} maxLength={60} onChange={(e) => setBankName(e.target.value)} onKeyDown={keepImeEnter} />
			{fieldError('bankName')}
			<label htmlFor="ws-facilitator">{t('create.facilitatorName')}</label>
			<input
				id="ws-facilitator"
				className="text-input"
				value={facilitatorName}
				maxLength={40}
				onChange={(e) => setFacilitatorName(e.target.value)}
				onKeyDown={keepImeEnter}
			/>
			{fieldError('facilitatorName')}
			<fieldset className="company-rows">
				<legend>{t('create.companies')}</legend>
				{companies.map((company, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: rows of controlled inputs: their values live in state, so a removed row cannot leave another row's text behind
					<div key={index} className="company-row">
						<input
							className="text-input"
							aria-label={t('create.companyName', { number: index + 1 })}
							placeholder={t('create.companyName', { number: index + 1 })}
							value={company.name}
							maxLength={60}
							onChange={(e) => setCompany(index, { name: e.target.value })}
							onKeyDown={keepImeEnter}
						/>
						<select
							aria-label={t('create.industry', { number: index + 1 })}
							value={company.industry}
							onChange={(e) => setCompany(index, { industry: e.target.value as Industry })}
						>
							{INDUSTRIES.map((code) => (
								<option key={code} value={code}>
									{t(`industry.${code}`)}
								</option>
							))}
						</select>
						{companies.length > 1 ? (
							<button type="button" className="link-button" onClick={() => setCompanies((rows) => rows.filter((_, i) => i !== index))}>
								{t('create.removeCompany')}
							</button>
						) : null}
						{fieldError(`companies.${index}.name`)}
					</div>
				))}
				{fieldError('companies')}
				{companies.length < 6 ? (
					<button type="button" className="secondary-button" onClick={() => setCompanies((rows) => [...rows, emptyCompany()])}>
						{t('create.addCompany')}
					</button>
				) : null}
			</fieldset>
			<details className="create-form__admin">
				<summary>{t('create.adminSecret')}</summary>
				<input className="text-input" type="password" autoComplete="off" value={adminSecret} onChange={(e) => setAdminSecret(e.target.value)} />
				<p className="field-help">{t('create.adminSecretHelp')}</p>
			</details>
			<button type="submit" className="primary-button" disabled={busy}>
				{t('create.submit')}
			</button>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</form>
	)
}

function CreatedWorkshopCard({ created }: { created: CreatedWorkshop }) {
	const { t } = useTranslation()
	return (
		<section className="card created" aria-live="polite">
			<h2>{t('create.done')}</h2>
			<p>{t('create.saveLinks')}</p>
			<dl className="created__list">
				<dt>{t('create.facilitatorLink')}</dt>
				<dd>
					<a className="primary-button" href={created.facilitator.url} data-testid="facilitator-link">
						{t('create.openFacilitator')}
					</a>
					<code className="created__url">{created.facilitator.url}</code>
				</dd>
				<dt>{t('create.projectorLink')}</dt>
				<dd>
					<a href={created.projector.url} target="_blank" rel="noreferrer" data-testid="projector-link">
						{t('create.openProjector')}
					</a>
				</dd>
				<dt>{t('codes.title')}</dt>
				<dd>
					<p className="field-help">{t('create.codesOnCards')}</p>
					<ul className="company-codes">
						{created.companies.map((company, index) => (
							<li key={company.id} className="company-codes__row">
								<div>
									<p className="company-codes__name">{company.name}</p>
									<p className="join-code join-code--small" data-testid={`created-member-code-${index}`}>
										{formatJoinCode(company.member.code)}
									</p>
								</div>
							</li>
						))}
					</ul>
					<p className="join-code-block__label">{t('codes.lobby')}</p>
					<p className="join-code join-code--small" data-testid="created-lobby-code">
						{formatJoinCode(created.lobby.code)}
					</p>
				</dd>
			</dl>
		</section>
	)
}
