import { useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { dragClosesSheet, sheetDragOffset } from './sheet-drag';

/**
 * The bottom sheet's drag handle (shown only when the card is a sheet, card.css): the sheet
 * follows it down, and closes when let go far enough down. For the pointer alone: keyboard and
 * screen reader users close the sheet with its Close button or Escape, so it is hidden from them.
 */
export function SheetHandle({ sheet, onClose }: { sheet: RefObject<HTMLElement | null>; onClose(): void }) {
  const drag = useRef<{ pointerId: number; startY: number } | null>(null);
  const offsetOf = (event: ReactPointerEvent) =>
    drag.current?.pointerId === event.pointerId ? sheetDragOffset(drag.current.startY, event.clientY) : null;
  const follow = (offset: number) => {
    if (offset > 0) sheet.current?.style.setProperty('transform', `translateY(${offset}px)`);
    else sheet.current?.style.removeProperty('transform');
  };
  const end = (event: ReactPointerEvent, closeIfFar: boolean) => {
    const offset = offsetOf(event);
    if (offset === null) return;
    drag.current = null;
    follow(0);
    if (closeIfFar && dragClosesSheet(offset, sheet.current?.offsetHeight ?? 0)) onClose();
  };
  return (
    <div
      className="sheet-handle"
      aria-hidden="true"
      onPointerDown={(event) => {
        if (!event.isPrimary || event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { pointerId: event.pointerId, startY: event.clientY };
      }}
      onPointerMove={(event) => {
        const offset = offsetOf(event);
        if (offset !== null) follow(offset);
      }}
      onPointerUp={(event) => end(event, true)}
      onPointerCancel={(event) => end(event, false)}
    >
      <span className="sheet-grip" />
    </div>
  );
}
