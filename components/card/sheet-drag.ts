/** A drag of the sheet's handle this far down closes it, or a third of a shorter sheet's height. */
export const SHEET_CLOSE_DRAG_PX = 120;

/** How far the sheet follows the handle: down only (dragged up, it stays where it is). */
export function sheetDragOffset(startY: number, y: number): number {
  return Math.max(0, y - startY);
}

/** Whether a drag that ends `offset` px down closes a sheet `sheetHeight` px tall. */
export function dragClosesSheet(offset: number, sheetHeight: number): boolean {
  return offset > 0 && offset >= Math.min(SHEET_CLOSE_DRAG_PX, sheetHeight / 3);
}
