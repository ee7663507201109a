import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { disableZodCodeGeneration } from '@mieruka/shared/zodSettings'
import { PhoneApp } from './PhoneApp.tsx'
import { i18n } from './i18n/index.ts'
import './ui/app.css'

disableZodCodeGeneration()

createRoot(document.getElementById('root')!).render(
	<StrictMode>
		<I18nextProvider i18n={i18n}>
			<PhoneApp />
		</I18nextProvider>
	</StrictMode>
)
