import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import type { ButtonProps, InputRef, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, ScanOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { useMe } from '../../../api/session';
import { ErrorState } from '../../../components/ErrorState';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler, useShowError } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { useCount, useCountAction, useCountLine } from '../queries';
import type { CountAction, CountLine, StockCount } from '../types';
import { CountStateTag } from './CountsPage';

const MAX_COUNTED = 10_000_000;

/** `+3` / `−2` (a true minus sign), 0 as it is. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

interface EntryValues {
  code: string;
  counted: number | null;
  reason?: string;
}

/**
 * The keeper's entry, part by part: a code typed or scanned (then Enter), the quantity on the
 * shelf, and the reason when it differs from the book. A variance saved without a reason stays
 * in the form, asking for it.
 */
function CountEntry({ outlet, id, lines, editing, onEdited }: { outlet: string; id: string; lines: CountLine[]; editing: CountLine | null; onEdited: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const save = useCountLine(outlet, id);
  const handleError = useFormErrorHandler();
  const codeInput = useRef<InputRef>(null);
  const [needsReason, setNeedsReason] = useState<CountLine | null>(null);

  // a line tapped in the report comes into the form to be corrected
  useEffect(() => {
    if (!editing) return;
    form.setFieldsValue({ code: editing.code, counted: editing.counted, reason: editing.reason ?? '' });
    setNeedsReason(editing.variance !== 0 && !editing.reason ? editing : null);
  }, [editing, form]);

  const onFinish = async (values: EntryValues) => {
    const code = values.code.trim().toUpperCase();
    const reason = values.reason?.trim() || null;
    try {
      const line = await save.mutateAsync({ code, counted: values.counted ?? 0, reason });
      if (line.variance !== 0 && !line.reason) {
        // kept in the form: the reason is asked for before the next part
        setNeedsReason(line);
        form.setFieldsValue({ code: line.code });
        return;
      }
      setNeedsReason(null);
      message.success(t('parts.lineSaved', { code: line.code, counted: line.counted }));
      form.resetFields();
      onEdited();
      codeInput.current?.focus();
    } catch (err) {
      handleError(form, err);
    }
  };

  const previous = lines.find((l) => l.code === needsReason?.code);
  return (
    <Card size="small" title={t('parts.countEntry')} data-testid="count-entry">
      {needsReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="count-needs-reason"
          message={t('parts.varianceAsk', {
            code: needsReason.code,
            book: (previous ?? needsReason).book,
            counted: (previous ?? needsReason).counted,
            variance: signed((previous ?? needsReason).variance),
          })}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="code" label={t('parts.code')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('parts.code') }) }]}>
          <Input
            ref={codeInput}
            prefix={<ScanOutlined />}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder={t('parts.scanPlaceholder')}
            onPressEnter={(e) => {
              e.preventDefault();
              form.getFieldInstance('counted')?.focus?.();
            }}
            data-testid="count-code"
          />
        </Form.Item>
        <Form.Item name="counted" label={t('parts.counted')} rules={[{ required: true, message: t('common.required', { label: t('parts.counted') }) }]}>
          <InputNumber min={0} max={MAX_COUNTED} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="count-counted" />
        </Form.Item>
        <Form.Item name="reason" label={t('parts.varianceReason')} extra={needsReason ? undefined : t('parts.varianceReasonHint')}>
          <Input maxLength={200} data-testid="count-reason" autoFocus={Boolean(needsReason)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={save.isPending} data-testid="count-save">
          {t('parts.saveLine')}
        </Button>
      </Form>
    </Card>
  );
}

/** Submit (keeper), approve or reject (manager), each with the version seen. */
function CountActions({ outlet, count, onRefused }: { outlet: string; count: StockCount; onRefused: (err: unknown) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useCountAction(outlet, count.id);
  const actions = (['submit', 'reject', 'approve'] as CountAction[]).filter((a) => count.allowed_actions.includes(a));
  if (actions.length === 0) return null;
  return (
    <Flex gap={8} wrap>
      {actions.map((action) => (
        <Popconfirm
          key={action}
          title={t(`parts.countConfirm.${action}`)}
          okText={t(`parts.countButton.${action}`)}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': `count-confirm-${action}` } as ButtonProps}
          onConfirm={() =>
            act
              .mutateAsync({ action, version: count.version })
              .then(() => message.success(t(`parts.countDone.${action}`)))
              .catch(onRefused)
          }
        >
          <Button type={action === 'reject' ? 'default' : 'primary'} danger={action === 'reject'} size="large" loading={act.isPending && act.variables?.action === action} data-testid={`count-${action}`}>
            {t(`parts.countButton.${action}`)}
          </Button>
        </Popconfirm>
      ))}
    </Flex>
  );
}

/** A count (盘点单): on the keeper's phone, part by part; the variance report; submit and the
 * manager's approval, which posts each variance as an adjustment with its reason. */
export default function CountPage() {
  const { t } = useI18n();
  const me = useMe();
  const { id } = useParams();
  const [params] = useSearchParams();
  const outlet = params.get('outlet') ?? me.outlet;
  const { data, error, isPending, refetch, isFetching } = useCount(outlet, id);
  const showError = useShowError();
  const [editing, setEditing] = useState<CountLine | null>(null);
  // the lines the last refused submit named (`lines.<code>.reason`)
  const [missing, setMissing] = useState<string[]>([]);

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  if (isPending || !data) return <Skeleton active />;
  const { count, lines } = data;
  // the parts on the count's sheet not counted yet (a count limited to some codes)
  const uncounted = (count.codes ?? []).filter((code) => !lines.some((l) => l.code === code));
  const counting = count.allowed_actions.includes('count');
  const onRefused = (err: unknown) => {
    if (err instanceof ApiError) setMissing(Object.keys(err.fields).flatMap((path) => (path.startsWith('lines.') ? [path.split('.')[1]] : [])));
    showError(err);
  };
  const lacksReason = (l: CountLine) => l.variance !== 0 && !l.reason;

  const columns: TableColumnsType<CountLine> = [
    { key: 'code', title: t('parts.code'), dataIndex: 'code', width: 130 },
    { key: 'name', title: t('parts.name'), dataIndex: 'name' },
    { key: 'book', title: t('parts.book'), width: 80, align: 'right', render: (_, l) => <span data-testid={`line-book-${l.code}`}>{l.book}</span> },
    { key: 'counted', title: t('parts.counted'), width: 80, align: 'right', render: (_, l) => <span data-testid={`line-counted-${l.code}`}>{l.counted}</span> },
    {
      key: 'variance',
      title: t('parts.variance'),
      width: 80,
      align: 'right',
      render: (_, l) => (
        <Typography.Text type={l.variance < 0 ? 'danger' : l.variance > 0 ? 'success' : undefined} data-testid={`line-variance-${l.code}`}>
          {signed(l.variance)}
        </Typography.Text>
      ),
    },
    { key: 'value', title: t('parts.varianceValue'), width: 110, align: 'right', render: (_, l) => <span data-testid={`line-value-${l.code}`}>{formatFen(l.value_fen)}</span> },
    {
      key: 'reason',
      title: t('parts.varianceReason'),
      ellipsis: false,
      render: (_, l) =>
        lacksReason(l) ? (
          <Tag color="red" data-testid={`line-no-reason-${l.code}`}>
            {t('parts.reasonMissing')}
          </Tag>
        ) : (
          <span data-testid={`line-reason-${l.code}`}>{l.reason ?? ''}</span>
        ),
    },
    { key: 'posted', title: t('parts.posted'), width: 80, render: (_, l) => (l.posted ? <Tag color="success">{t('parts.postedTag')}</Tag> : null), responsive: ['md'] },
  ];

  return (
    <div style={{ maxWidth: 960 }}>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Link to={`/parts/counts${params.get('outlet') ? `?outlet=${encodeURIComponent(outlet)}` : ''}`} aria-label={t('common.back')}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('parts.countTitle', { at: formatTime(count.snapshot_at) })}
        </Typography.Title>
        <CountStateTag state={count.state} />
      </Flex>
      <Flex vertical gap={12}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered data-testid="count-summary">
          <Descriptions.Item label={t('parts.snapshotAt')}>{formatTime(count.snapshot_at)}</Descriptions.Item>
          <Descriptions.Item label={t('parts.countedLines')}>
            <span data-testid="count-counted-lines">{count.counted_lines}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('parts.varianceLines')}>
            <span data-testid="count-variance-lines">{count.variance_lines}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('parts.varianceValue')}>
            <span data-testid="count-variance-value">{formatFen(count.variance_value_fen)}</span>
          </Descriptions.Item>
          {count.note && <Descriptions.Item label={t('parts.note')}>{count.note}</Descriptions.Item>}
        </Descriptions>
        {counting && <Typography.Text type="secondary">{t('parts.countingHint')}</Typography.Text>}
        {counting && <CountEntry outlet={outlet} id={count.id} lines={lines} editing={editing} onEdited={() => setEditing(null)} />}
        {missing.length > 0 && counting && <Alert type="error" showIcon message={t('parts.reasonsMissing', { codes: missing.join('、') })} data-testid="count-missing-reasons" />}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('parts.varianceReport')}
        </Typography.Title>
        <ResponsiveTable<CountLine>
          columns={columns}
          items={lines}
          rowKey="code"
          loading={false}
          empty={t('parts.noLinesCounted')}
          testId="count-lines"
          onRow={(l) => ({ 'data-testid': `count-line-${l.code}`, onClick: counting ? () => setEditing(l) : undefined, style: counting ? { cursor: 'pointer' } : undefined })}
          renderCard={(l) => (
            <Card size="small" style={{ width: '100%' }} onClick={counting ? () => setEditing(l) : undefined} data-testid={`count-line-${l.code}`}>
              <Flex justify="space-between" gap={6} wrap>
                <Typography.Text strong>{l.code}</Typography.Text>
                <Typography.Text type={l.variance < 0 ? 'danger' : l.variance > 0 ? 'success' : undefined} data-testid={`line-variance-${l.code}`}>
                  {signed(l.variance)}
                </Typography.Text>
              </Flex>
              <div>{l.name}</div>
              <Typography.Text type="secondary">
                {t('parts.book')} <span data-testid={`line-book-${l.code}`}>{l.book}</span> · {t('parts.counted')} <span data-testid={`line-counted-${l.code}`}>{l.counted}</span> ·{' '}
                <span data-testid={`line-value-${l.code}`}>{formatFen(l.value_fen)}</span>
              </Typography.Text>
              <div>
                {lacksReason(l) ? (
                  <Tag color="red" data-testid={`line-no-reason-${l.code}`}>
                    {t('parts.reasonMissing')}
                  </Tag>
                ) : (
                  l.reason && <span data-testid={`line-reason-${l.code}`}>{l.reason}</span>
                )}
                {l.posted && <Tag color="success">{t('parts.postedTag')}</Tag>}
              </div>
            </Card>
          )}
        />
        {uncounted.length > 0 && (
          <Alert
            type="info"
            showIcon
            message={t('parts.uncounted', { count: uncounted.length })}
            description={uncounted.join('、')}
            data-testid="count-uncounted"
          />
        )}
        <CountActions outlet={outlet} count={count} onRefused={onRefused} />
      </Flex>
    </div>
  );
}
