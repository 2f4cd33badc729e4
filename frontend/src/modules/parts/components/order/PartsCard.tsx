import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { PlusOutlined, ToolOutlined } from '@ant-design/icons';
import type { WorkOrderDetail } from '../../../../api/types';
import { useCan } from '../../../../access';
import { useI18n } from '../../../../i18n';
import { formatFen } from '../../../../utils/money';
import { formatTime } from '../../../../utils/time';
import type { OrderPartLine, Requisition, RequisitionAction, RequisitionLine, RequisitionState } from '../../types';
import { PartsExceptionModal } from './PartsExceptionModal';
import { RequestPartsModal } from './RequestPartsModal';
import { RequisitionActionModal } from './RequisitionActionModal';

const STATE_COLORS: Record<RequisitionState, string> = {
  submitted: 'gold',
  awaiting_head_office: 'orange',
  approved: 'blue',
  issued: 'green',
  closed: 'default',
  rejected: 'red',
  cancelled: 'default',
};

/** The order of a requisition's buttons: the everyday step first, cancel last. */
const ACTION_ORDER: RequisitionAction[] = ['approve', 'issue', 'receive', 'return', 'reject', 'cancel'];

export function RequisitionStateTag({ state }: { state: RequisitionState }) {
  const { te } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="requisition-state" data-state={state}>
      {te('requisition_state', state)}
    </Tag>
  );
}

/** Where a requested line stands: issued, received, used, returned, defective, outstanding. */
export function LineFigures({ line }: { line: Pick<RequisitionLine, 'issued' | 'used' | 'returned' | 'defective' | 'outstanding'> & { received?: number; released?: number } }) {
  const { t } = useI18n();
  const figures: [string, number | undefined][] = [
    ['issued', line.issued],
    ['received', line.received],
    ['used', line.used],
    ['returned', line.returned],
    ['defective', line.defective],
    // approved, then cancelled before it was issued (shown only when there is some)
    ['released', line.released || undefined],
    ['outstanding', line.outstanding],
  ];
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {figures
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => (
          <span key={key} data-testid={`fig-${key}`} data-value={v} style={{ marginInlineEnd: 10, whiteSpace: 'nowrap' }}>
            {t(`partReq.fig.${key}` as 'partReq.fig.issued')} {v}
          </span>
        ))}
    </Typography.Text>
  );
}

/** The requisition buttons the caller may press now (the server's `allowed_actions`). */
export function RequisitionButtons({ requisition, onAction, size }: { requisition: Requisition; onAction: (a: RequisitionAction) => void; size?: 'small' }) {
  const { te } = useI18n();
  const allowed = ACTION_ORDER.filter((a) => requisition.allowed_actions.includes(a));
  if (allowed.length === 0) return null;
  return (
    <Flex wrap gap={8} data-testid="requisition-actions">
      {allowed.map((a, i) => (
        <Button
          key={a}
          size={size}
          type={i === 0 && a !== 'reject' && a !== 'cancel' ? 'primary' : 'default'}
          danger={a === 'reject' || a === 'cancel'}
          onClick={() => onAction(a)}
          data-testid={`req-${a}`}
        >
          {te('requisition_action', a)}
        </Button>
      ))}
    </Flex>
  );
}

/**
 * 配件 on the order's page (a phone's width first, for the technician): the parts of the order
 * with their coverage and charge, each requisition with where it stands and what the user may
 * do to it (approve, reject, issue, confirm receipt, return, cancel), requesting parts and the
 * manager's parts exceptions. The internal cost only for managers and head office.
 */
export function PartsCard({ order }: { order: WorkOrderDetail }) {
  const { t, te } = useI18n();
  const can = useCan();
  const parts = order.parts;
  const [acting, setActing] = useState<{ requisition: Requisition; action: RequisitionAction } | null>(null);
  const [form, setForm] = useState<'request' | 'exception' | null>(null);
  // the server says whether the reader may request parts on this order now (见单发料)
  const canRequest = parts.can_request;
  const canExcept = can('parts.exceptions.write') && parts.can_request;
  const cost = can('parts.costs.read');
  const empty = parts.requisitions.length === 0 && parts.exceptions.length === 0;
  if (empty && !canRequest && !canExcept) return null;

  const coverageTag = (line: OrderPartLine) =>
    line.coverage ? (
      <Tag color={line.charge_fen === 0 ? 'green' : 'orange'} data-testid="part-coverage" style={{ marginInlineEnd: 0 }}>
        {te('coverage', line.coverage)}
        {line.charge_fen > 0 ? ` · ${t('common.charged', { amount: formatFen(line.charge_fen) })}` : ''}
      </Tag>
    ) : null;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <ToolOutlined />
          {t('partsCard.title')}
        </Flex>
      }
      extra={
        cost && parts.cost_total_fen !== null && parts.cost_total_fen !== undefined ? (
          <Typography.Text type="secondary" data-testid="parts-cost-total">
            {t('partsCard.costTotal', { amount: formatFen(parts.cost_total_fen) })}
          </Typography.Text>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
      data-testid="parts-card"
    >
      {parts.lines.length > 0 && (
        <div data-testid="parts-lines" style={{ marginBottom: 12 }}>
          {parts.lines.map((line) => (
            <div key={line.code} data-testid={`parts-line-${line.code}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex justify="space-between" align="start" gap={8} wrap>
                <span style={{ minWidth: 0, wordBreak: 'break-word' }}>
                  <Typography.Text strong>{line.code}</Typography.Text> {line.name}
                </span>
                {coverageTag(line)}
              </Flex>
              <LineFigures line={line} />
              {cost && line.cost_total_fen !== null && line.cost_total_fen !== undefined && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="part-cost">
                    {t('partsCard.cost', { amount: formatFen(line.cost_total_fen) })}
                  </Typography.Text>
                </div>
              )}
            </div>
          ))}
        </div>
      )}

      {parts.requisitions.length === 0 ? (
        <Typography.Text type="secondary">{t('partsCard.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {parts.requisitions.map((req) => (
            <div key={req.id} data-testid={`requisition-${req.id}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
              <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
                <RequisitionStateTag state={req.state} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('partsCard.requestedBy', { name: req.requested_by_name ?? req.requested_by, time: formatTime(req.created_at) })}
                </Typography.Text>
              </Flex>
              {req.lines.map((l) => (
                <div key={l.code} data-testid={`req-line-${l.code}`} style={{ padding: '4px 0' }}>
                  <div style={{ wordBreak: 'break-word' }}>
                    <Typography.Text strong>{l.code}</Typography.Text> {l.name} × {l.quantity}
                    {l.component ? <Typography.Text type="secondary"> · {l.component}</Typography.Text> : null}
                    {l.expensive ? (
                      <Tag color="orange" style={{ marginInlineStart: 6 }}>
                        {t('partReq.expensive')}
                      </Tag>
                    ) : null}
                  </div>
                  {l.issued > 0 && <LineFigures line={l} />}
                </div>
              ))}
              {req.note && (
                <div>
                  <Typography.Text type="secondary">{t('partReq.note')}{t('common.colon')}</Typography.Text>
                  {req.note}
                </div>
              )}
              {req.rejection && (
                <div data-testid="requisition-rejection">
                  <Typography.Text type="danger">
                    {t('partsCard.rejected', { name: req.rejection.by_name ?? req.rejection.by, reason: req.rejection.reason })}
                  </Typography.Text>
                </div>
              )}
              {req.return_due_at && req.lines.some((l) => l.outstanding > 0) && (
                <div>
                  <Typography.Text type={req.flagged_at ? 'danger' : 'warning'} data-testid="requisition-return-due">
                    {t('partsCard.returnDue', { time: formatTime(req.return_due_at) })}
                  </Typography.Text>
                </div>
              )}
              <div style={{ marginTop: 6 }}>
                <RequisitionButtons requisition={req} onAction={(action) => setActing({ requisition: req, action })} />
              </div>
            </div>
          ))}
        </Flex>
      )}

      {parts.exceptions.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="parts-exceptions">
          <Typography.Text strong>{t('partsCard.exceptions')}</Typography.Text>
          {parts.exceptions.map((e) => (
            <div key={e.id} style={{ fontSize: 12 }}>
              {[e.code, e.name].filter(Boolean).join(' ')} × {e.quantity} · {e.reason} · {e.by_name ?? e.by} {formatTime(e.at)}
            </div>
          ))}
        </div>
      )}

      {(canRequest || canExcept) && (
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {canRequest && (
            <Button icon={<PlusOutlined />} onClick={() => setForm('request')} data-testid="parts-request">
              {t('partsCard.request')}
            </Button>
          )}
          {canExcept && (
            <Button onClick={() => setForm('exception')} data-testid="parts-exception">
              {t('partsCard.exception')}
            </Button>
          )}
        </Flex>
      )}

      {form === 'request' && <RequestPartsModal order={order} onClose={() => setForm(null)} />}
      {form === 'exception' && <PartsExceptionModal order={order} onClose={() => setForm(null)} />}
      {acting && <RequisitionActionModal key={`${acting.requisition.id}-${acting.action}-${acting.requisition.version}`} requisition={acting.requisition} action={acting.action} onClose={() => setActing(null)} />}
    </Card>
  );
}
