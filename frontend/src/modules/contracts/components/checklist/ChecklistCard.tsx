import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { CarryOutOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { OrderCardProps } from '../../../../app/area';
import { useCan } from '../../../../access';
import { useI18n } from '../../../../i18n';
import { ChecklistItemRow } from './ChecklistItemRow';

const wrap = { wordBreak: 'break-word' as const };

/**
 * The order page's 巡检清单 (an inspection order's checklist, worked on a phone with one hand):
 * per area its items, each answered with a tap (正常 / 故障 / 不适用), a fault with its note, photo
 * and repair order; how many are answered. Read-only once the order is completed, and for whom
 * the server does not let edit it. Nothing on an order without a checklist.
 */
export default function ChecklistCard({ order }: OrderCardProps) {
  const { t, tk } = useI18n();
  const can = useCan();
  const checklist = order.checklist;
  if (!checklist) return null;
  const { counts, occurrence, editable } = checklist;
  const percent = counts.total > 0 ? Math.round((counts.answered * 100) / counts.total) : 0;

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="checklist-card"
      data-version={checklist.version}
      data-editable={editable ? 'true' : 'false'}
      data-complete={checklist.complete ? 'true' : 'false'}
      title={
        <span>
          <CarryOutOutlined /> {t('inspections.checklistTitle')}
        </span>
      }
      extra={
        <Typography.Text strong data-testid="checklist-progress" data-answered={counts.answered} data-total={counts.total}>
          {t('inspections.progress', { answered: counts.answered, total: counts.total })}
        </Typography.Text>
      }
    >
      <Progress
        percent={percent}
        showInfo={false}
        aria-label={t('inspections.progressLabel', { answered: counts.answered, total: counts.total })}
        size="small" status={checklist.complete ? 'success' : 'active'} style={{ marginBottom: 4 }} />
      <Flex wrap gap={4} align="center" style={{ marginBottom: 8 }}>
        {counts.fault > 0 && (
          <Tag color="error" data-testid="checklist-faults">
            {t('inspections.faultCount', { n: counts.fault })}
          </Tag>
        )}
        {checklist.complete && <Tag color="success">{t('inspections.allAnswered')}</Tag>}
        {!editable && (
          <Tag data-testid="checklist-readonly">{t('inspections.readOnly')}</Tag>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8, ...wrap }} data-testid="checklist-occurrence">
        {can('contracts.read') ? (
          <Link to={`/contracts/${checklist.contract_id}`} data-testid="checklist-contract-link">
            {checklist.contract_number}
          </Link>
        ) : (
          checklist.contract_number
        )}
        {' · '}
        {t('inspections.plannedOn', { date: occurrence.planned })}
        {occurrence.due !== occurrence.planned && ` → ${occurrence.due}`}
        {occurrence.moved ? `（${tk(`occurrence_moved.${occurrence.moved}`, occurrence.moved)}）` : ''}
        {occurrence.period_end ? ` · ${t('inspections.periodEnd', { date: occurrence.period_end })}` : ''}
      </Typography.Paragraph>

      {checklist.areas.map((area, a) => {
        const answered = area.items.filter((i) => i.answer).length;
        return (
          <section key={a} data-testid={`checklist-area-${a}`} style={{ marginBottom: 12 }}>
            <Flex justify="space-between" align="baseline" gap={8} style={{ background: '#fafafa', padding: '6px 8px', borderRadius: 4 }}>
              <Typography.Text strong style={wrap}>
                {area.area}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {answered} / {area.items.length}
              </Typography.Text>
            </Flex>
            {area.items.map((item, i) => (
              <ChecklistItemRow key={i} order={order} area={a} index={i} item={item} editable={editable} />
            ))}
          </section>
        );
      })}
    </Card>
  );
}
