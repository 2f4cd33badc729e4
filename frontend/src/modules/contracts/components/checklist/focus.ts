/** The checklist item's row on the order's page, scrolled into view and marked for a moment
 * (the first unanswered one, when a completion was refused for it). */
export function focusChecklistItem(area: number, item: number): void {
  const row = document.querySelector<HTMLElement>(`[data-testid="checklist-item-${area}-${item}"]`);
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  // its first answer button takes the focus (a screen reader and a keyboard land on the item)
  row.querySelector<HTMLElement>('[role="group"] button')?.focus({ preventScroll: true });
  row.style.outline = '2px solid #faad14';
  row.style.outlineOffset = '2px';
  window.setTimeout(() => {
    row.style.outline = '';
    row.style.outlineOffset = '';
  }, 2500);
}
