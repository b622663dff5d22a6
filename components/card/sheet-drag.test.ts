import { describe, expect, it } from 'vitest';
import { dragClosesSheet, SHEET_CLOSE_DRAG_PX, sheetDragOffset } from './sheet-drag';

describe('dragging the sheet by its handle', () => {
  it('follows the finger down only', () => {
    expect(sheetDragOffset(500, 560)).toBe(60);
    expect(sheetDragOffset(500, 420)).toBe(0);
  });

  it(`closes a tall sheet past ${SHEET_CLOSE_DRAG_PX} px`, () => {
    expect(dragClosesSheet(SHEET_CLOSE_DRAG_PX - 1, 600)).toBe(false);
    expect(dragClosesSheet(SHEET_CLOSE_DRAG_PX, 600)).toBe(true);
  });

  it('closes a short sheet past a third of its height', () => {
    expect(dragClosesSheet(59, 180)).toBe(false);
    expect(dragClosesSheet(60, 180)).toBe(true);
  });

  it('never closes on a drag that did not move down', () => {
    expect(dragClosesSheet(0, 0)).toBe(false);
    expect(dragClosesSheet(0, 600)).toBe(false);
  });
});
