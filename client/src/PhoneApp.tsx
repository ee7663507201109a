import { useEffect } from 'react'
import { Route, Switch } from 'wouter'
import { HandoverPage } from './join/HandoverPage.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { PhonePage } from './phone/PhonePage.tsx'

/**
 * The routes of phone.html (vite.phone.config.ts): joining, hand-over and the phone page. Any other
 * path is loaded again from the server, which answers it with the full app (index.html).
 */
export function PhoneApp() {
	return (
		<Switch>
			<Route path="/j">{() => <JoinPage />}</Route>
			<Route path="/j/:code">{(params) => <JoinPage key={params.code} code={params.code} />}</Route>
			<Route path="/h">{() => <HandoverPage />}</Route>
			<Route path="/w/:workshopId/phone">{(params) => <PhonePage workshopId={params.workshopId} />}</Route>
			<Route>
				<FullApp />
			</Route>
		</Switch>
	)
}

function FullApp() {
	useEffect(() => {
		window.location.reload()
	}, [])
	return null
}
