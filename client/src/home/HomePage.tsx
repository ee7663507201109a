import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { isValidDocId } from '@mieruka/shared/docId'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { CreateWorkshopForm } from './CreateWorkshopForm.tsx'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** The landing page: create a workshop; open a board by name where the server serves open boards. */
export function HomePage() {
	const { t } = useTranslation()
	const [, navigate] = useLocation()
	const [name, setName] = useState('')
	const [error, setError] = useState<string | null>(null)

	const submit = (event: FormEvent) => {
		event.preventDefault()
		const trimmed = name.trim()
		if (!isValidDocId(trimmed)) {
			setError(t('home.invalidBoardName'))
			return
		}
		navigate(pagePath(PAGES.openBoard, { docId: trimmed }))
	}

	return (
		<main className="home">
			<header className="home__header">
				<div>
					<h1 className="home__brand">{t('app.name')}</h1>
					<p className="home__tagline">{t('app.tagline')}</p>
				</div>
				<LanguageSwitch />
			</header>
			<CreateWorkshopForm />
			{readRuntimeConfig().openBoards ? (
				<section className="card">
					<h2>{t('home.title')}</h2>
					<p>{t('home.lead')}</p>
					<form onSubmit={submit} noValidate>
						<label htmlFor="board-name">{t('home.boardNameLabel')}</label>
						<div className="field-row">
							<input
								id="board-name"
								name="board"
								autoComplete="off"
								autoCapitalize="off"
								spellCheck={false}
								value={name}
								onChange={(event) => {
									setName(event.target.value)
									setError(null)
								}}
								aria-describedby="board-name-help"
								aria-invalid={error !== null}
							/>
							<button type="submit">{t('home.open')}</button>
						</div>
						<p id="board-name-help" className={error ? 'field-error' : 'field-help'} role={error ? 'alert' : undefined}>
							{error ?? t('home.boardNameHelp')}
						</p>
					</form>
				</section>
			) : null}
			<p className="home__join-link">
				<a href={pagePath(PAGES.join)}>{t('home.joinWithCode')}</a>
			</p>
		</main>
	)
}
