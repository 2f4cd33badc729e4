import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { TableColumnsType } from 'antd';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { markShownInPlace } from '../../../utils/errors';
import { DISPLAY_TZ, formatTime } from '../../../utils/time';
import { ChangeTermsModal } from '../components/ChangeTermsModal';
import { UnitPhotos } from '../components/UnitPhotos';
import { useUnit } from '../queries';
import type { ServiceRecordLine, TermsViewGroup, UnitDetail, UnitEvent } from '../types';

/** Today in the outlets' time zone, as `YYYY-MM-DD` (compares with the terms' last days). */
const today = () => dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD');

const dash = (value: string | null | undefined) => (value ? value : '-');

function Facts({ unit }: { unit: UnitDetail }) {
  const { t, tk } = useI18n();
  const items = [
    { key: 'customer', label: t('unitInfo.customer'), children: dash(unit.customer_name) },
    { key: 'site', label: t('unitInfo.site'), children: dash(unit.site_name) },
    { key: 'model', label: t('unitInfo.model'), children: unit.model },
    { key: 'serial', label: t('unitInfo.serial'), children: <span data-testid="unit-serial">{unit.serial_no}</span> },
    { key: 'category', label: t('unitInfo.category'), children: dash(unit.category) },
    { key: 'invoice_no', label: t('unitInfo.invoiceNo'), children: dash(unit.invoice_no) },
    { key: 'invoice_date', label: t('unitInfo.invoiceDate'), children: dash(unit.invoice_date) },
    { key: 'delivered_on', label: t('unitInfo.deliveredOn'), children: dash(unit.delivered_on) },
    { key: 'installed_on', label: t('unitInfo.installedOn'), children: dash(unit.installed_on) },
    { key: 'source', label: t('unitInfo.source'), children: unit.source ? tk(`unit_source.${unit.source}`, unit.source) : '-' },
    { key: 'dealer', label: t('unitInfo.dealer'), children: dash(unit.dealer) },
    { key: 'registered', label: t('unitInfo.registeredAt'), children: formatTime(unit.registered_at) },
  ];
  return (
    <Card size="small" title={t('unitInfo.facts')} style={{ marginBottom: 16 }} data-testid="unit-facts">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
    </Card>
  );
}

function Terms({ unit }: { unit: UnitDetail }) {
  const { t, tk } = useI18n();
  const view = unit.terms_view;
  const now = today();
  const columns: TableColumnsType<TermsViewGroup> = [
    { key: 'name', title: t('unitInfo.group'), dataIndex: 'name', width: 160 },
    { key: 'months', title: t('unitInfo.months'), width: 90, render: (_, g) => t('unitInfo.monthsValue', { months: g.months }) },
    {
      key: 'components',
      title: t('unitInfo.components'),
      ellipsis: false,
      render: (_, g) => (g.components.length ? g.components.join('、') : t('unitInfo.wholeMachine')),
    },
    { key: 'last_day', title: t('unitInfo.lastDay'), width: 120, render: (_, g) => <span data-testid={`terms-last-day-${g.code}`}>{dash(g.last_day)}</span> },
    { key: 'status', title: t('unitInfo.status'), width: 100, ellipsis: false, render: (_, g) => <TermTag lastDay={g.last_day} now={now} code={g.code} /> },
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="unit-terms"
      title={t('unitInfo.terms')}
      extra={view ? <Typography.Text type="secondary">{t('unitInfo.startFrom', { basis: tk(`start_basis.${view.start_basis}`, view.start_basis), start: dash(view.start) })}</Typography.Text> : null}
    >
      {!view ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={unit.warranty_until ? t('unitInfo.legacyTerms', { until: unit.warranty_until }) : t('unitInfo.noTerms')}
        />
      ) : (
        <>
          {!view.start && <Typography.Paragraph type="warning">{t('unitInfo.noStart')}</Typography.Paragraph>}
          <ResponsiveTable<TermsViewGroup>
            columns={columns}
            items={view.groups}
            rowKey="code"
            loading={false}
            size="small"
            testId="terms-table"
            onRow={(g) => ({ 'data-testid': `terms-row-${g.code}` })}
            renderCard={(g) => (
              <Card size="small" style={{ width: '100%' }} data-testid={`terms-row-${g.code}`}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  <TermTag lastDay={g.last_day} now={now} code={g.code} />
                </Flex>
                <div>{t('unitInfo.monthsValue', { months: g.months })}</div>
                <div style={{ overflowWrap: 'anywhere' }}>{g.components.length ? g.components.join('、') : t('unitInfo.wholeMachine')}</div>
                <div>
                  {t('unitInfo.lastDay')}: <span data-testid={`terms-last-day-${g.code}`}>{dash(g.last_day)}</span>
                </div>
              </Card>
            )}
          />
        </>
      )}
    </Card>
  );
}

function TermTag({ lastDay, now, code }: { lastDay: string | null; now: string; code: string }) {
  const { t } = useI18n();
  if (!lastDay) return <Tag data-testid={`terms-status-${code}`}>{t('unitInfo.unknownTerm')}</Tag>;
  const inTerm = lastDay >= now;
  return (
    <Tag color={inTerm ? 'green' : 'default'} data-testid={`terms-status-${code}`} data-in-term={inTerm ? 'true' : 'false'}>
      {inTerm ? t('unitInfo.inTerm') : t('unitInfo.ended')}
    </Tag>
  );
}

function ServiceRecord({ lines }: { lines: ServiceRecordLine[] }) {
  const { t, tk } = useI18n();
  const order = (line: ServiceRecordLine) => (
    <Link to={`/work-orders/${line.order_id}`} data-testid={`record-order-${line.order_number}`}>
      {line.order_number}
    </Link>
  );
  const columns: TableColumnsType<ServiceRecordLine> = [
    { key: 'date', title: t('unitInfo.recordDate'), width: 140, render: (_, l) => formatTime(l.accepted_at) },
    { key: 'order', title: t('unitInfo.recordOrder'), width: 150, render: (_, l) => order(l) },
    { key: 'components', title: t('unitInfo.components'), render: (_, l) => l.components.join('、') || '-' },
    { key: 'cause', title: t('unitInfo.recordCause'), render: (_, l) => dash(l.fault_cause) },
    { key: 'solution', title: t('unitInfo.recordSolution'), render: (_, l) => dash(l.solution) },
    { key: 'parts', title: t('unitInfo.recordParts'), render: (_, l) => dash(l.parts) },
    { key: 'technician', title: t('unitInfo.recordTechnician'), width: 110, render: (_, l) => dash(l.technician_name) },
    { key: 'coverage', title: t('unitInfo.recordCoverage'), width: 100, render: (_, l) => (l.coverage ? tk(`coverage.${l.coverage}`, l.coverage) : '-') },
  ];
  return (
    <Card size="small" title={t('unitInfo.serviceRecord')} style={{ marginBottom: 16 }} data-testid="unit-record">
      <ResponsiveTable<ServiceRecordLine>
        columns={columns}
        items={lines}
        rowKey="order_id"
        loading={false}
        size="small"
        empty={t('unitInfo.noRecord')}
        onRow={(l) => ({ 'data-testid': `record-row-${l.order_number}` })}
        renderCard={(l) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`record-row-${l.order_number}`}>
            <Flex justify="space-between" gap={8} wrap>
              {order(l)}
              <Typography.Text type="secondary">{formatTime(l.accepted_at)}</Typography.Text>
            </Flex>
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 8 }}
              items={[
                { key: 'components', label: t('unitInfo.components'), children: l.components.join('、') || '-' },
                { key: 'cause', label: t('unitInfo.recordCause'), children: dash(l.fault_cause) },
                { key: 'solution', label: t('unitInfo.recordSolution'), children: dash(l.solution) },
                { key: 'parts', label: t('unitInfo.recordParts'), children: dash(l.parts) },
                { key: 'technician', label: t('unitInfo.recordTechnician'), children: dash(l.technician_name) },
                { key: 'coverage', label: t('unitInfo.recordCoverage'), children: l.coverage ? tk(`coverage.${l.coverage}`, l.coverage) : '-' },
              ]}
            />
          </Card>
        )}
      />
    </Card>
  );
}

type GroupMonths = { code?: string; months?: number };

/** What a terms change did, group by group: `主要部件 24 → 36` (named as the unit's groups are). */
function changeSummary(event: UnitEvent, names: Map<string, string>): string[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as GroupMonths[]) : []);
  const before = list(event.data.before);
  return list(event.data.after).flatMap((g) => {
    const was = before.find((b) => b.code === g.code);
    return was && was.months !== g.months ? [`${names.get(g.code ?? '') ?? g.code} ${was.months} → ${g.months}`] : [];
  });
}

function Events({ events, names }: { events: UnitEvent[]; names: Map<string, string> }) {
  const { t, tk } = useI18n();
  if (events.length === 0) return null;
  return (
    <Card size="small" title={t('unitInfo.events')} data-testid="unit-events">
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          dot: <FieldTimeOutlined />,
          children: (
            <div data-testid={`unit-event-${e.action}`} style={{ overflowWrap: 'anywhere' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{tk(`unit_action.${e.action}`, e.action)}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatTime(e.at)} · {e.actor.name}
                </Typography.Text>
              </Space>
              {changeSummary(e, names).map((line) => (
                <div key={line}>{t('unitInfo.monthsChange', { change: line })}</div>
              ))}
              {typeof e.data.reason === 'string' && <div>{t('unitInfo.eventReason', { reason: e.data.reason })}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** 产品档案: a unit's facts, terms with each group's last covered day, contract, service record
 * (保修卡) and audit trail; the manager's terms change. Cards stack on a phone. */
export default function UnitPage() {
  const { customerId, unitId } = useParams();
  const { t } = useI18n();
  const { data: unit, error, isPending, refetch, isFetching } = useUnit(customerId, unitId);
  const [changing, setChanging] = useState(false);

  if (error && !unit) {
    markShownInPlace(error);
    return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  if (isPending || !unit) return <Skeleton active />;

  return (
    <div style={{ maxWidth: 1080 }} data-testid="unit-page">
      <PageHeader
        title={
          <span data-testid="unit-title">
            {unit.model} · {unit.serial_no}
          </span>
        }
      >
        {unit.can_change_terms && unit.terms_view && (
          <Button onClick={() => setChanging(true)} data-testid="unit-change-terms">
            {t('unitInfo.changeTerms')}
          </Button>
        )}
      </PageHeader>
      <Facts unit={unit} />
      <Terms unit={unit} />
      <UnitPhotos customerId={unit.customer_id} unitId={unit.id} photos={unit.photos} />
      <Card size="small" title={t('unitInfo.contract')} style={{ marginBottom: 16 }} data-testid="unit-contract">
        {unit.contract ? t('unitInfo.contractActive') : t('unitInfo.noContract')}
      </Card>
      <ServiceRecord lines={unit.service_record} />
      <Events events={unit.events} names={new Map((unit.terms?.groups ?? []).map((g) => [g.code, g.name]))} />
      {unit.can_change_terms && <ChangeTermsModal unit={unit} open={changing} onClose={() => setChanging(false)} />}
    </div>
  );
}
