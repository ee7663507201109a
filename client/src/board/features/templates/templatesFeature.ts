import type { BoardFeature } from '../boardFeatures.ts'
import { KpiPanel } from './KpiPanel.tsx'
import { TemplateMenu } from './TemplateMenu.tsx'

/** Seminar templates placed into company frames from a menu, and KPI cards with their panel. */
export const templatesFeature: BoardFeature = { id: 'templates', Overlay: TemplateMenu }
export const kpiPanelFeature: BoardFeature = { id: 'kpi-panel', Overlay: KpiPanel }
export { zoneDropsFeature } from './zoneDrops.ts'
