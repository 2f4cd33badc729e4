import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Flex, Form, Input, Modal, Segmented, Statistic, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { ApiError } from '../../../api/client';
import type { AtRisk, AtRiskClock, ClockSummary, OrderState } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { ClockBadge } from '../../../components/ClockBadge';
import { OrderCardHeader } from '../../../components/OrderCardHeader';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { isVocabularyGroup, PriorityTag, StateTag, VocabularyTag } from '../../../components/StatusTags';
import { useErrorText } from '../../../utils/errors';
import { useNow } from '../../../utils/now';
import { countdownText, liveStatus, secondsLeft, STATUS_COLORS } from '../../../utils/sla';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { useAcknowledge, useAtRisk } from '../queries';

const HORIZONS = [4, 24, 72];
type View = 'open' | 'acknowledged';

/** A row's state in its subject's own vocabulary: an order's state, a complaint's
 * (complaint_state), a consultation's (consultation_state). */
function SubjectState({ row }: { row: AtRisk }) {
  if (row.subject_kind === 'work_order') return <StateTag state={row.state as OrderState} />;
  const group = `${row.subject_kind}_state`;
  if (!isVocabularyGroup(group)) return <Tag data-state={row.state} data-testid="risk-subject-state">{row.state}</Tag>;
  return <VocabularyTag group={group} value={row.state} testId="risk-subject-state" />;
}

/** The first line of a row's card: an order's number, priority and state; another subject's
 * number and state. */
function SubjectCardHeader({ row }: { row: AtRisk }) {
  if (row.subject_kind === 'work_order' && row.priority) return <OrderCardHeader number={row.number} priority={row.priority} state={row.state as OrderState} />;
  return (
    <Flex justify="space-between" align="center" wrap gap={4}>
      <Typography.Text strong>{row.number}</Typography.Text>
      <span>
        {row.priority && <PriorityTag priority={row.priority} />}
        <SubjectState row={row} />
      </span>
    </Flex>
  );
}

/** Time left on a clock, ticking; red once it is late. */
function TimeLeft({ clock, fallback }: { clock: ClockSummary; fallback: number }) {
  const i18n = useI18n();
  const now = useNow();
  const left = secondsLeft(clock, now) ?? fallback;
  return (
    <Typography.Text type={left < 0 ? 'danger' : undefined} strong={left < 0} data-testid="risk-left" data-seconds={left}>
      {countdownText(i18n, left)}
    </Typography.Text>
  );
}

function ClockTag({ clock }: { clock: ClockSummary }) {
  const { te } = useI18n();
  const now = useNow();
  const status = liveStatus(clock, now);
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid="risk-clock">
      {te('clock', clock.name)}
    </Tag>
  );
}

/** The order's other clocks on the board, as "+N" with the list in a tooltip. */
function OtherClocks({ others }: { others: AtRiskClock[] }) {
  const i18n = useI18n();
  const now = useNow();
  if (others.length === 0) return null;
  const lines = others.map((o) => {
    const left = secondsLeft(o.clock, now) ?? o.seconds_left;
    const acknowledged = o.acknowledgement ? ` · ${i18n.t('risk.acknowledgedShort')}` : '';
    return `${i18n.te('clock', o.clock.name)} · ${countdownText(i18n, left)}${acknowledged}`;
  });
  return (
    <Tooltip title={lines.map((line) => <div key={line}>{line}</div>)}>
      <Tag data-testid="risk-others" data-count={others.length}>
        {i18n.t('risk.more', { n: others.length })}
      </Tag>
    </Tooltip>
  );
}

/** The clock of a row a manager acknowledges: its main clock when breached, else its first
 * breached clock not yet acknowledged (null: nothing to acknowledge). */
function toAcknowledge(row: AtRisk, now: number): AtRiskClock | null {
  const breached = (c: AtRiskClock) => !c.acknowledgement && liveStatus(c.clock, now) === 'breached';
  if (breached(row)) return row;
  return row.others.find(breached) ?? null;
}

function AckButton({ row, onAck }: { row: AtRisk; onAck: (row: AtRisk, entry: AtRiskClock) => void }) {
  const { t } = useI18n();
  const now = useNow();
  const entry = toAcknowledge(row, now);
  if (!entry) return null;
  return (
    <Button
      size="small"
      onClick={(e) => {
        e.stopPropagation();
        onAck(row, entry);
      }}
      data-testid="risk-ack"
    >
      {t('risk.acknowledge')}
    </Button>
  );
}

/** Who acknowledged the row's breach, when, and their note. */
const ackText = (row: AtRisk) => (row.acknowledgement ? `${row.acknowledgement.by_name} · ${formatTime(row.acknowledgement.at)} · ${row.acknowledgement.note}` : '-');

/** A manager acknowledges a breach with a note: the order leaves the top of the board. */
function AcknowledgeModal({ target, onClose }: { target: { row: AtRisk; entry: AtRiskClock } | null; onClose: () => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ note: string }>();
  const { mutateAsync, isPending } = useAcknowledge();
  const submit = async () => {
    if (!target) return;
    let note: string;
    try {
      ({ note } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    try {
      await mutateAsync({
        subject_kind: target.row.subject_kind,
        subject_id: target.row.subject_id,
        clock: target.entry.clock.name,
        version: target.entry.version,
        note: note.trim(),
      });
      void message.success(t('risk.acknowledged', { number: target.row.number }));
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        void message.warning(t('risk.ackStale'));
        onClose();
        return;
      }
      void message.error(errorText(err));
    }
  };
  return (
    <Modal
      open={target !== null}
      title={target ? t('risk.ackTitle', { number: target.row.number, clock: te('clock', target.entry.clock.name) }) : ''}
      okText={t('risk.acknowledge')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={isPending}
      okButtonProps={{ 'data-testid': 'risk-ack-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="risk-ack-modal"
    >
      {target && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: target.row.customer_name }}>
          {target.row.customer_name}
          {target.entry.explanation ? ` · ${target.entry.explanation}` : ''}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="note"
          label={t('risk.ackNote')}
          rules={[{ required: true, whitespace: true, message: t('risk.ackNoteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('risk.ackNoteHint')} data-testid="risk-ack-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 时限预警: an outlet's orders with a clock late or due soon, one row per order with its most
 * urgent clock — about to breach first, then breaches (the most recent first) — with totals,
 * and the breaches a manager acknowledged apart.
 */
export default function AtRiskPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Head office picks the outlet (the first one until they choose); a manager sees their own.
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  const mayAcknowledge = can('sla.acknowledge');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const horizon = HORIZONS.includes(Number(params.get('horizon'))) ? Number(params.get('horizon')) : 24;
  const view: View = params.get('view') === 'acknowledged' ? 'acknowledged' : 'open';
  const ready = !anyOutlet || Boolean(outlet);
  // Keyed by outlet and horizon: an answer for an earlier choice is never shown for this one.
  const { data, error, isFetching, refetch } = useAtRisk(outlet, horizon, ready);
  const [acking, setAcking] = useState<{ row: AtRisk; entry: AtRiskClock } | null>(null);
  const rows = (view === 'open' ? data?.items : data?.acknowledged) ?? [];
  const loadedAt = data?.now ?? null;
  const totals = data?.totals;
  const onAck = (row: AtRisk, entry: AtRiskClock) => setAcking({ row, entry });

  const rowTestId = (r: AtRisk) => `risk-row-${r.number}-${r.clock.name}`;
  const columns: TableColumnsType<AtRisk> = [
    {
      title: t('col.number'),
      dataIndex: 'number',
      key: 'number',
      width: 160, // the whole order number: what people read it by
      render: (n: string, r) => (
        <Link to={r.link} data-testid="risk-link">
          {n}
        </Link>
      ),
    },
    { title: t('col.customer'), dataIndex: 'customer_name', key: 'customer' },
    { title: t('col.technician'), dataIndex: 'technician_name', key: 'technician', width: 90, render: (v: string | null) => v ?? '-' },
    { title: t('col.priority'), dataIndex: 'priority', key: 'priority', width: 70, responsive: ['xl'], render: (v: AtRisk['priority']) => (v ? <PriorityTag priority={v} /> : '-') },
    { title: t('col.state'), dataIndex: 'state', key: 'state', width: 90, responsive: ['xl'], ellipsis: false, render: (_: AtRisk['state'], r) => <SubjectState row={r} /> },
    {
      title: t('col.clock'),
      key: 'clock',
      width: 160,
      render: (_: unknown, r) => (
        <Flex gap={4} wrap>
          <ClockTag clock={r.clock} />
          <OtherClocks others={r.others} />
        </Flex>
      ),
    },
    { title: t('risk.rule'), dataIndex: 'explanation', key: 'rule', render: (v: string | null) => v ?? '-' },
    { title: t('col.due'), key: 'due', width: 140, responsive: ['xxl'], render: (_: unknown, r) => formatTime(r.clock.due_at) },
    { title: t('col.timeLeft'), key: 'left', width: 110, render: (_: unknown, r) => <TimeLeft clock={r.clock} fallback={r.seconds_left} /> },
  ];
  if (view === 'acknowledged') {
    columns.push({ title: t('risk.ackBy'), key: 'ack', render: (_: unknown, r) => ackText(r) });
  } else if (mayAcknowledge) {
    // untitled: not offered in the column settings (the buttons stay); named for screen readers
    columns.push({
      title: '',
      key: 'actions',
      width: 130, // "Acknowledge" in English, with the cell's padding
      ellipsis: false,
      onHeaderCell: () => ({ 'aria-label': t('risk.actions') }) as HTMLAttributes<HTMLElement>,
      render: (_: unknown, r) => <AckButton row={r} onAck={onAck} />,
    });
  }

  const total = (key: 'at_risk' | 'breached' | 'on_track' | 'acknowledged', color: string) => (
    <Card size="small" style={{ minWidth: 120 }} data-testid={`risk-total-${key}`} data-count={totals?.[key] ?? ''}>
      <Statistic title={t(`risk.total.${key}`)} value={totals?.[key] ?? '-'} valueStyle={{ color }} />
    </Card>
  );

  return (
    <div>
      <PageHeader title={t('risk.title')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="risk-outlet" />}
        <Segmented<number>
          data-testid="risk-horizon"
          value={horizon}
          onChange={(h) => setParam('horizon', String(h))}
          options={HORIZONS.map((h) => ({ value: h, label: t('risk.hours', { h }) }))}
        />
        <RefreshButton label={t('risk.refresh')} loading={isFetching} onClick={() => void refetch()} testId="risk-refresh" />
      </PageHeader>
      <Typography.Paragraph type="secondary">
        {t('risk.hint', { h: horizon })}
        {loadedAt && ` · ${t('risk.updated', { time: formatTime(loadedAt) })}`}
        {data?.truncated && ` · ${t('risk.truncated')}`}
      </Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 12 }} data-testid="risk-totals">
        {total('at_risk', '#d46b08')}
        {total('breached', '#cf1322')}
        {total('on_track', '#1677ff')}
        {total('acknowledged', '#595959')}
      </Flex>
      <Tabs
        activeKey={view}
        onChange={(key) => setParam('view', key === 'acknowledged' ? 'acknowledged' : 'open')}
        items={[
          { key: 'open', label: <span data-testid="risk-tab-open">{t('risk.tabOpen')}</span> },
          { key: 'acknowledged', label: <span data-testid="risk-tab-acknowledged">{t('risk.tabAcknowledged')}</span> },
        ]}
      />
      <ResponsiveTable<AtRisk>
        items={rows}
        rowKey={rowTestId}
        loading={!data && ready}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={view === 'open' ? t('risk.empty') : t('risk.emptyAcknowledged')}
        columns={columns}
        tableId="sla-at-risk"
        testId="risk-table"
        onRow={(r) => ({ 'data-testid': rowTestId(r), 'data-view': view })}
        renderCard={(r) => (
          <Card size="small" hoverable data-testid={rowTestId(r)} data-view={view} onClick={() => navigate(r.link)} style={{ width: '100%' }}>
            <SubjectCardHeader row={r} />
            <Flex wrap gap={4} style={{ margin: '6px 0' }}>
              <ClockBadge clock={r.clock} />
              <OtherClocks others={r.others} />
            </Flex>
            <Typography.Text ellipsis={{ tooltip: r.customer_name }} style={{ display: 'block' }}>
              {r.customer_name}
              <Typography.Text type="secondary"> · {r.technician_name ?? '-'}</Typography.Text>
            </Typography.Text>
            {r.explanation && (
              <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="risk-rule">
                {r.explanation}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{t('sla.dueAt', { time: formatTime(r.clock.due_at) })}</Typography.Text>
            {view === 'acknowledged' ? (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                {t('risk.ackBy')}: {ackText(r)}
              </Typography.Paragraph>
            ) : (
              mayAcknowledge && (
                <div style={{ marginTop: 6 }}>
                  <AckButton row={r} onAck={onAck} />
                </div>
              )
            )}
          </Card>
        )}
      />
      <AcknowledgeModal target={acking} onClose={() => setAcking(null)} />
    </div>
  );
}
