import { BaseBoxShapeUtil, resizeBox, type TLBaseBoxShape, type TLResizeInfo } from 'tldraw'

/**
 * What the board's cards (the note, the KPI card) share as tldraw shapes: a filled box that resizes
 * down to `minSize`, outlined with rounded corners when selected. Each card adds its type, props,
 * migrations, text and view.
 */
export abstract class CardShapeUtil<Shape extends TLBaseBoxShape> extends BaseBoxShapeUtil<Shape> {
	protected abstract readonly minSize: { w: number; h: number }

	override canResize() {
		return true
	}

	override onResize(shape: Shape, info: TLResizeInfo<Shape>) {
		return resizeBox(shape, info, { minWidth: this.minSize.w, minHeight: this.minSize.h })
	}

	override getIndicatorPath(shape: Shape) {
		const path = new Path2D()
		path.roundRect(0, 0, shape.props.w, shape.props.h, 6)
		return path
	}
}
