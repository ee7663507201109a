import { useTranslation } from 'react-i18next'
import { useValue, type Editor } from 'tldraw'
import { setStructureLocked, structureShapes } from '../board/boardStructure.ts'

/** Lock the board's structure (frames, templates) before participants start moving notes around. */
export function StructureLockPanel({ editor }: { editor: Editor }) {
	const { t } = useTranslation()
	const { total, locked } = useValue('structure lock state', () => {
		const shapes = structureShapes(editor)
		return { total: shapes.length, locked: shapes.filter((shape) => shape.isLocked).length }
	}, [editor])
	const allLocked = total > 0 && locked === total
	return (
		<section className="side-section" aria-labelledby="structure-heading">
			<h2 id="structure-heading">{t('structure.title')}</h2>
			<p className="field-help" data-testid="structure-state">
				{t('structure.state', { locked, total })}
			</p>
			<button type="button" className="secondary-button" disabled={total === 0} onClick={() => setStructureLocked(editor, !allLocked)}>
				{allLocked ? t('structure.unlock') : t('structure.lock')}
			</button>
		</section>
	)
}
