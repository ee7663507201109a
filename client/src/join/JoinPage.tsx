import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import type { JoinCodeInfo } from '@mieruka/shared/workshop/workshopModel'
import { ApiError, api } from '../api/apiClient.ts'
import { saveSession } from '../session/sessionStore.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { errorText } from '../ui/errorText.ts'

/**
 * `/j/:code` — joining from a phone (the QR code leads here). The person picks their company and
 * types the name others will see; nothing else, no account.
 */
export function JoinPage({ code: initialCode }: { code?: string }) {
	const { t } = useTranslation()
	const [, navigate] = useLocation()
	const [code, setCode] = useState(initialCode ?? '')
	const [info, setInfo] = useState<JoinCodeInfo | null>(null)
	const [companyId, setCompanyId] = useState<string | null>(null)
	const [name, setName] = useState('')
	const [error, setError] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)

	const lookUp = async (value: string) => {
		setError(null)
		setBusy(true)
		try {
			const found = await api.joinCodeInfo(value)
			setInfo(found)
			if (found.companies.length === 1) setCompanyId(found.companies[0]!.id)
		} catch (caught) {
			setInfo(null)
			setError(errorText(t, caught))
		} finally {
			setBusy(false)
		}
	}

	useEffect(() => {
		if (initialCode) void lookUp(initialCode)
	}, [initialCode]) // eslint-disable-line react-hooks/exhaustive-deps

	const submitCode = (event: FormEvent) => {
		event.preventDefault()
		const digits = code.normalize('NFKC').replace(/\D/g, '')
		if (digits.length !== 6) return setError(t('join.codeFormat'))
		navigate(`/j/${digits}`, { replace: true })
		void lookUp(digits)
	}

	const submitJoin = async (event: FormEvent) => {
		event.preventDefault()
		if (!info) return
		if (!companyId) return setError(t('join.pickCompany'))
		if (name.trim() === '') return setError(t('join.nameRequired'))
		setBusy(true)
		setError(null)
		try {
			const session = await api.join({ code: code.normalize('NFKC').replace(/\D/g, ''), name, companyId })
			saveSession(session)
			navigate(`/w/${session.workshop.id}/phone`, { replace: true })
		} catch (caught) {
			setError(caught instanceof ApiError && caught.issues.some((issue) => issue.path === 'name') ? t('join.nameRequired') : errorText(t, caught))
			setBusy(false)
		}
	}

	return (
		<main className="phone-page join-page">
			<header className="phone-header">
				<span className="phone-header__brand">{t('app.name')}</span>
				<LanguageSwitch compact />
			</header>
			{!info ? (
				<form className="card" onSubmit={submitCode} noValidate>
					<h1>{t('join.title')}</h1>
					<label htmlFor="join-code">{t('join.codeLabel')}</label>
					<input
						id="join-code"
						className="big-input big-input--code"
						inputMode="numeric"
						autoComplete="one-time-code"
						maxLength={12}
						value={code}
						onChange={(event) => setCode(event.target.value)}
					/>
					<button className="primary-button" type="submit" disabled={busy}>
						{t('join.next')}
					</button>
					{error ? <p className="field-error" role="alert">{error}</p> : null}
				</form>
			) : (
				<form className="card" onSubmit={submitJoin} noValidate>
					<p className="join-page__workshop">{info.title}</p>
					<h1>{info.kind === 'bank' ? t('join.titleBank') : t('join.titleCompany')}</h1>
					<fieldset className="choice-list">
						<legend>{info.kind === 'bank' ? t('join.pickCompanyBank') : t('join.pickCompany')}</legend>
						{info.companies.map((company) => (
							<label key={company.id} className={`choice${companyId === company.id ? ' choice--selected' : ''}`}>
								<input
									type="radio"
									name="company"
									value={company.id}
									checked={companyId === company.id}
									onChange={() => setCompanyId(company.id)}
								/>
								{company.name}
							</label>
						))}
					</fieldset>
					<label htmlFor="join-name">{t('join.nameLabel')}</label>
					<input
						id="join-name"
						className="big-input"
						autoComplete="name"
						maxLength={40}
						value={name}
						onChange={(event) => setName(event.target.value)}
					/>
					<p className="field-help">{t('join.nameHelp')}</p>
					<button className="primary-button" type="submit" disabled={busy}>
						{t('join.submit')}
					</button>
					{error ? <p className="field-error" role="alert">{error}</p> : null}
				</form>
			)}
		</main>
	)
}
