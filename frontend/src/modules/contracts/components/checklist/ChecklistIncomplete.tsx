import { Alert, Button } from 'antd';
import { ApiError } from '../../../../api/client';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import type { ChecklistIncomplete } from '../../inspectionTypes';
import { focusChecklistItem } from './focus';

/** A completion refused (409 `checklist_incomplete`) for an unanswered checklist item: what it
 * says (how many, the first), or null for any other error. */
export function checklistIncomplete(err: unknown): ChecklistIncomplete | null {
  if (!(err instanceof ApiError) || err.code !== 'checklist_incomplete') return null;
  const details = err.details as Partial<ChecklistIncomplete>;
  return { unanswered: Number(details.unanswered ?? 0), first: details.first ?? null };
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
            <Button size="small" style={{ marginTop: 6 }} onClick={go} data-testid="checklist-incomplete-go">
              {t('inspections.incompleteGo')}
            </Button>
          </div>
        ) : undefined
      }
    />
  );
}
