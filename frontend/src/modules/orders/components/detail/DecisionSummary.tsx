import { Descriptions, Typography } from 'antd';
import type { Attachment, WorkOrderDetail } from '../../../../api/types';
import { EvidenceGallery } from '../../../evidence/components/EvidenceGallery';
import { useFreshAttachments } from '../../../evidence/queries';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { dataEntries, type FormatContext } from './format';

interface Props {
  order: WorkOrderDetail;
  ctx: FormatContext;
}

const NO_ATTACHMENTS: Attachment[] = [];

/** Recorded step data, read-only, one row per field (labels above the values on a phone). */
function StepData({ data, ctx, testId }: { data: Record<string, unknown>; ctx: FormatContext; testId: string }) {
  const isMobile = useIsMobile();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={isMobile ? 'vertical' : 'horizontal'}
      data-testid={testId}
      items={dataEntries(data, ctx).map((e) => ({
        key: e.key,
        label: e.label,
        children: (
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid={`${testId}-${e.key}`}>
            {e.text}
          </span>
        ),
      }))}
    />
  );
}

/** The repair plan a manager approves or rejects: measures, parts and tools, hours, staff, planned finish. */
export function PlanSummary({ order, ctx }: Props) {
  const { t } = ctx.i18n;
  return (
    <section style={{ marginBottom: 16 }} data-testid="plan-summary">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('detail.planToDecide')}
      </Typography.Title>
      {order.plan ? <StepData data={order.plan} ctx={ctx} testId="plan" /> : <Typography.Text type="secondary">{t('detail.noPlan')}</Typography.Text>}
    </section>
  );
}

/** What the customer accepts (or objects to): the fault's cause, the solution, the parts replaced and the completion photos. */
export function RepairSummary({ order, ctx }: Props) {
  const { t } = ctx.i18n;
  const attachments = useFreshAttachments(order.id, order.attachments ?? NO_ATTACHMENTS);
  const photos = attachments.filter((a) => a.category === 'after');
  return (
    <section style={{ marginBottom: 16 }} data-testid="repair-summary">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('detail.repairSummary')}
      </Typography.Title>
      {order.completion && <StepData data={order.completion} ctx={ctx} testId="repair" />}
      <div style={{ marginTop: 12 }} data-testid="repair-photos" role="group" aria-label={t('detail.completionPhotos')}>
        {photos.length > 0 ? (
          <EvidenceGallery orderId={order.id} attachments={photos} />
        ) : (
          <Typography.Text type="secondary">{t('detail.noCompletionPhotos')}</Typography.Text>
        )}
      </div>
    </section>
  );
}
