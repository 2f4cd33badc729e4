import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useCountList, useStartCount } from '../queries';
import type { CountState, StockCount } from '../types';
import { useWarehouse } from './useWarehouse';

const STATE_COLORS: Record<CountState, string> = { counting: 'processing', submitted: 'gold', approved: 'success' };

export function CountStateTag({ state }: { state: CountState }) {
  const { tk } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid="count-state">
      {tk(`count_state.${state}`, state)}
    </Tag>
  );
}

/** The address of a count's page (the outlet in the query: head office reads any). */
export const countPath = (count: Pick<StockCount, 'id' | 'outlet'>) => `/parts/counts/${encodeURIComponent(count.id)}?outlet=${encodeURIComponent(count.outlet)}`;

/** 开始盘点: the snapshot is taken now; the sheet is every part, or the codes listed. */
function StartCountModal({ outlet, onClose, onStarted }: { outlet: string | undefined; onClose: () => void; onStarted: (count: StockCount) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string; codes?: string[] }>();
  const start = useStartCount(outlet);
  const handleError = useFormErrorHandler();
  return (
    <Modal
      open
      title={t('parts.startCount')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('parts.startCountOk')}
      okButtonProps={{ loading: start.isPending, 'data-testid': 'count-start-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('parts.startCountHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          void start
            .mutateAsync({
              note: values.note?.trim() || null,
              codes: values.codes?.length ? values.codes.map((c) => c.trim().toUpperCase()).filter(Boolean) : undefined,
            })
            .then(onStarted)
            .catch((err: unknown) => handleError(form, err))
        }
      >
        <Form.Item name="codes" label={t('parts.countCodes')} extra={t('parts.countCodesHint')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} data-testid="count-start-codes" />
        </Form.Item>
        <Form.Item name="note" label={t('parts.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="count-start-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 盘点: the warehouse's counts, newest first; the keeper starts one. */
export default function CountsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const { outlet, anyOutlet, outlets, setParam } = useWarehouse();
  const list = useCountList(outlet);
  const [starting, setStarting] = useState(false);

  const columns: TableColumnsType<StockCount> = [
    { key: 'snapshot_at', title: t('parts.snapshotAt'), width: 160, render: (_, c) => formatTime(c.snapshot_at) },
    { key: 'state', title: t('parts.state'), width: 110, render: (_, c) => <CountStateTag state={c.state} /> },
    { key: 'counted', title: t('parts.countedLines'), width: 100, align: 'right', render: (_, c) => c.counted_lines },
    { key: 'variance', title: t('parts.varianceLines'), width: 100, align: 'right', render: (_, c) => c.variance_lines },
    { key: 'value', title: t('parts.varianceValue'), width: 130, align: 'right', render: (_, c) => formatFen(c.variance_value_fen) },
    { key: 'note', title: t('parts.note'), render: (_, c) => c.note ?? '', responsive: ['lg'] },
  ];

  return (
    <div>
      <PageHeader title={t('parts.countsTitle')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="counts-outlet" />}
        {can('parts.counts.write') && (
          <Button type="primary" icon={<AuditOutlined />} onClick={() => setStarting(true)} data-testid="count-start">
            {t('parts.startCount')}
          </Button>
        )}
      </PageHeader>
      <ResponsiveTable<StockCount>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('parts.noCounts')}
        testId="counts-table"
        onRow={(c) => ({ 'data-testid': `count-row-${c.id}`, onClick: () => navigate(countPath(c)), style: { cursor: 'pointer' } })}
        renderCard={(c) => (
          <Card size="small" style={{ width: '100%' }} hoverable onClick={() => navigate(countPath(c))} data-testid={`count-row-${c.id}`}>
            <Flex justify="space-between" wrap gap={6}>
              <span>{formatTime(c.snapshot_at)}</span>
              <CountStateTag state={c.state} />
            </Flex>
            <Typography.Text type="secondary">
              {t('parts.countSummary', { counted: c.counted_lines, variance: c.variance_lines, value: formatFen(c.variance_value_fen) })}
            </Typography.Text>
          </Card>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
      {starting && (
        <StartCountModal
          outlet={outlet}
          onClose={() => setStarting(false)}
          onStarted={(count) => {
            message.success(t('parts.countStarted'));
            setStarting(false);
            navigate(countPath(count));
          }}
        />
      )}
    </div>
  );
}
