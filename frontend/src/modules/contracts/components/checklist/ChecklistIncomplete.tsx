import { Alert, Button } from 'antd';
import { ApiError } from '../../../../api/client';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import type { ChecklistIncomplete } from '../../inspectionTypes';
import { focusChecklistItem } from './focus';
import { useUnsavedFaults } from './unsaved';

/** A completion refused (409 `checklist_incomplete`) for an unanswered checklist item: what it
 * says (how many, the first), or null for any other error. */
export function checklistIncomplete(err: unknown): ChecklistIncomplete | null {
  if (!(err instanceof ApiError) || err.code !== 'checklist_incomplete') return null;
  const details = err.details as Partial<ChecklistIncomplete>;
  return { unanswered: Number(details.unanswered ?? 0), first: details.first ?? null };
}

/** The order's checklist as the page shows it, when items are still unanswered: how many and the
 * first (what the server's 409 would say), or null (no checklist, or all answered). */
export function unansweredOf(order: WorkOrderDetail): ChecklistIncomplete | null {
  const checklist = order.checklist;
  if (!checklist || checklist.complete) return null;
  let first: ChecklistIncomplete['first'] = null;
  let unanswered = 0;
  checklist.areas.forEach((block, area) =>
    block.items.forEach((entry, item) => {
      if (entry.answer) return;
      unanswered += 1;
      first ??= { area, item, text: entry.text };
    }),
  );
  return unanswered > 0 ? { unanswered, first } : null;
}

/** In the completion's form: the faults typed on the checklist and not saved (故障未保存). */
export function ChecklistUnsavedAlert({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const unsaved = useUnsavedFaults(orderId);
  if (unsaved.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12, wordBreak: 'break-word' }}
      data-testid="checklist-unsaved"
      message={t('inspections.unsavedFaults', { items: unsaved.join('；') })}
    />
  );
}

/**
 * In the completion's form: the checklist still has unanswered items, the first named (its area
 * and text), with a button to close the form and go to it.
 */
export function ChecklistIncompleteAlert({ order, refusal, onGo }: { order: WorkOrderDetail; refusal: ChecklistIncomplete; onGo: () => void }) {
  const { t } = useI18n();
  const { first } = refusal;
  const areas = order.checklist?.areas ?? [];
  // the area as its index (the page's rows) and its name (the message)
  const areaIndex = first ? (typeof first.area === 'number' ? first.area : areas.findIndex((a) => a.area === first.area)) : -1;
  const areaName = first ? (typeof first.area === 'number' ? (areas[first.area]?.area ?? '') : first.area) : '';
  const go = () => {
    onGo();
    if (first && areaIndex >= 0) window.setTimeout(() => focusChecklistItem(areaIndex, first.item), 50);
  };
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="checklist-incomplete"
      message={t('inspections.incomplete', { n: refusal.unanswered })}
      description={
        first ? (
          <div style={{ wordBreak: 'break-word' }}>
            <div data-testid="checklist-incomplete-first">{t('inspections.incompleteFirst', { area: areaName, text: first.text })}</div>
            <Button style={{ marginTop: 6, minHeight: 44 }} onClick={go} data-testid="checklist-incomplete-go">
              {t('inspections.incompleteGo')}
            </Button>
          </div>
        ) : undefined
      }
    />
  );
}
