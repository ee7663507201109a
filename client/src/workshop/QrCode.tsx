import { useEffect, useState } from 'react'
import QRCode from 'qrcode'

/** A QR code for a URL, drawn on this page by the `qrcode` library (no outside service). */
export function QrCode({ url, size, label }: { url: string; size: number; label: string }) {
	const [dataUrl, setDataUrl] = useState<string | null>(null)
	useEffect(() => {
		let cancelled = false
		QRCode.toDataURL(url, { margin: 1, width: size * 2, errorCorrectionLevel: 'M' }).then(
			(generated) => !cancelled && setDataUrl(generated),
			() => !cancelled && setDataUrl(null)
		)
		return () => {
			cancelled = true
		}
	}, [url, size])
	return dataUrl ? (
		<img className="qr-code" src={dataUrl} width={size} height={size} alt={label} data-qr-url={url} />
	) : (
		<div className="qr-code qr-code--pending" style={{ width: size, height: size }} role="img" aria-label={label} />
	)
}
