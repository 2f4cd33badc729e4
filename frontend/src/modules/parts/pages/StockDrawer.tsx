import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Skeleton, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { LoadMore } from '../../../components/LoadMore';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useStockLine, useStockMovement, useStockSettings } from '../queries';
import { MAX_QUANTITY, STOCK_FIGURES, type LedgerEntry, type Stock, type StockFigure, type StockMovementInput } from '../types';
import { LowTag } from './LowTag';


interface Props {
  outlet: string | undefined;
  code: string | undefined;
  canWrite: boolean;
  onClose: () => void;
}

/** `+3` / `−2` (a true minus sign). */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** One ledger entry: the movement, its quantity, what it changed, the figures after, who, why. */
function EntryRow({ entry }: { entry: LedgerEntry }) {
  const { t, tk } = useI18n();
  const figure = (key: string) => tk(`stock_figure.${key}`, key);
  const deltas = Object.entries(entry.deltas ?? {}).filter(([, v]) => v !== undefined && v !== 0) as [string, number][];
  // the figures after the movement (none for a record that moves nothing, e.g. `use`)
  const after: Partial<Record<StockFigure, number>> = entry.after ? { ...entry.after, available: entry.after.on_hand - entry.after.reserved } : {};
  return (
    <List.Item data-testid="ledger-entry" data-movement={entry.movement} style={{ display: 'block' }}>
      <Flex justify="space-between" wrap gap={6}>
        <span>
          <Tag color="blue" data-testid="ledger-movement">
            {tk(`stock_movement.${entry.movement}`, entry.movement)}
          </Tag>
          <Typography.Text strong data-testid="ledger-quantity">
            {entry.quantity}
          </Typography.Text>
        </span>
        <Typography.Text type="secondary">{formatTime(entry.at)}</Typography.Text>
      </Flex>
      {deltas.length > 0 && (
        <div data-testid="ledger-deltas">
          {deltas.map(([key, value]) => `${figure(key)} ${signed(value)}`).join(' · ')}
        </div>
      )}
      {entry.after && (
        <Typography.Text type="secondary" data-testid="ledger-after">
          {t('parts.after')}
          {STOCK_FIGURES.filter((key) => after[key] !== undefined && (key === 'on_hand' || key === 'available' || after[key] !== 0))
            .map((key) => `${figure(key)} ${after[key]}`)
            .join(' · ')}
        </Typography.Text>
      )}
      <Flex wrap gap={8} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" data-testid="ledger-by">
          {entry.by_name ?? entry.by}
        </Typography.Text>
        {entry.order_id && (
          <Link to={`/work-orders/${entry.order_id}`} data-testid="ledger-order">
            {t('parts.order', { number: entry.order_number ?? entry.order_id })}
          </Link>
        )}
        {entry.transfer_id && <Typography.Text type="secondary">{t('parts.transferRef', { id: entry.transfer_id })}</Typography.Text>}
        {entry.reason && <Typography.Text>{t('parts.reasonIs', { reason: entry.reason })}</Typography.Text>}
        {entry.note && <Typography.Text type="secondary">{entry.note}</Typography.Text>}
      </Flex>
    </List.Item>
  );
}

/** The keeper's reorder point, maximum and bin of a line; version 0 creates the line. */
function SettingsForm({ outlet, code, stock }: { outlet: string; code: string; stock: Stock | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reorder_point: number; max_level: number; bin?: string }>();
  const save = useStockSettings(outlet, code);
  const handleError = useFormErrorHandler();
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';
  return (
    <Form
      form={form}
      layout="vertical"
      // keyed by the version (below): a save or a reload shows the line as it is now
      initialValues={{ reorder_point: stock?.reorder_point ?? 0, max_level: stock?.max_level ?? 0, bin: stock?.bin ?? '' }}
      onFinish={(values) =>
        void save
          .mutateAsync({ version: stock?.version ?? 0, reorder_point: values.reorder_point, max_level: values.max_level, bin: values.bin?.trim() || null })
          .then(() => message.success(t('parts.settingsSaved')))
          .catch((err: unknown) => (err instanceof ApiError && err.code === 'stale_version' ? undefined : handleError(form, err)))
      }
      data-testid="settings-form"
    >
      {stale && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('parts.settingsStale')} data-testid="settings-stale" />}
      <Flex gap={12} wrap>
        <Form.Item name="reorder_point" label={t('parts.reorderPoint')} rules={[{ required: true, message: t('common.required', { label: t('parts.reorderPoint') }) }]}>
          <InputNumber min={0} max={MAX_QUANTITY} precision={0} data-testid="settings-reorder" />
        </Form.Item>
        <Form.Item
          name="max_level"
          label={t('parts.maxLevel')}
          dependencies={['reorder_point']}
          rules={[
            { required: true, message: t('common.required', { label: t('parts.maxLevel') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: number | null) =>
                value === null || value === undefined || value >= (getFieldValue('reorder_point') as number) ? Promise.resolve() : Promise.reject(new Error(t('parts.maxBelowReorder'))),
            }),
          ]}
        >
          <InputNumber min={0} max={MAX_QUANTITY} precision={0} data-testid="settings-max" />
        </Form.Item>
        <Form.Item name="bin" label={t('parts.bin')}>
          <Input maxLength={40} style={{ width: 140 }} data-testid="settings-bin" />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
        {t('parts.saveSettings')}
      </Button>
    </Form>
  );
}

/** 采购入库 (goods from a supplier) or 退回供应商 (the defective bin back to the supplier). */
function MovementForm({ outlet, code, movement }: { outlet: string; code: string; movement: StockMovementInput['movement'] }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ quantity: number; reference?: string; note?: string }>();
  const post = useStockMovement(outlet, code);
  const handleError = useFormErrorHandler();
  const prefix = movement === 'receive' ? 'receive' : 'return';
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) =>
        void post
          .mutateAsync({ movement, quantity: values.quantity, reference: values.reference?.trim() || null, note: values.note?.trim() || null })
          .then(() => {
            message.success(t('parts.movementDone', { movement: tk(`stock_movement.${movement}`, movement) }));
            form.resetFields();
          })
          .catch((err: unknown) => handleError(form, err))
      }
      data-testid={`${prefix}-form`}
    >
      <Typography.Paragraph type="secondary">{movement === 'receive' ? t('parts.receiveHint') : t('parts.supplierReturnHint')}</Typography.Paragraph>
      <Form.Item name="quantity" label={t('parts.quantity')} rules={[{ required: true, message: t('common.required', { label: t('parts.quantity') }) }]}>
        <InputNumber min={1} max={MAX_QUANTITY} precision={0} inputMode="numeric" data-testid={`${prefix}-quantity`} />
      </Form.Item>
      <Form.Item name="reference" label={movement === 'receive' ? t('parts.purchaseRef') : t('parts.returnRef')}>
        <Input maxLength={100} data-testid={`${prefix}-reference`} />
      </Form.Item>
      <Form.Item name="note" label={t('parts.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`${prefix}-note`} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={post.isPending} data-testid={`${prefix}-submit`}>
        {tk(`stock_movement.${movement}`, movement)}
      </Button>
    </Form>
  );
}

/** A stock line: its figures, the ledger, and for the keeper the settings, receipt and
 * supplier-return forms. */
export function StockDrawer({ outlet, code, canWrite, onClose }: Props) {
  const { t, tk } = useI18n();
  const isMobile = useIsMobile();
  const line = useStockLine(outlet, code);
  const first = line.pages[0];
  const stock = first?.stock ?? null;
  const part = first?.part ?? null;
  const figure = (key: string) => tk(`stock_figure.${key}`, key);

  const figures = stock && (
    <Descriptions size="small" column={isMobile ? 2 : 4} bordered data-testid="stock-figures">
      {STOCK_FIGURES.map((key) => (
        <Descriptions.Item key={key} label={figure(key)}>
          <span data-testid={`figure-${key}`}>{stock[key]}</span>
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('parts.reorderPoint')}>
        <span data-testid="figure-reorder_point">{stock.reorder_point}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('parts.maxLevel')}>{stock.max_level}</Descriptions.Item>
      <Descriptions.Item label={t('parts.bin')}>{stock.bin || '-'}</Descriptions.Item>
      <Descriptions.Item label={t('parts.abc')}>{stock.abc_class ? tk(`abc_class.${stock.abc_class}`, stock.abc_class) : '-'}</Descriptions.Item>
    </Descriptions>
  );

  const ledger = (
    <>
      <List
        dataSource={line.items}
        rowKey={(e) => `${e.at}#${e.seq ?? ''}#${e.movement}`}
        locale={{ emptyText: <Empty description={t('parts.ledgerEmpty')} /> }}
        renderItem={(entry) => <EntryRow entry={entry} />}
        data-testid="ledger"
      />
      <LoadMore hasMore={line.hasMore} loading={line.loadingMore} onLoadMore={line.loadMore} />
    </>
  );

  const tabs = [
    { key: 'ledger', label: <span data-testid="drawer-tab-ledger">{t('parts.ledger')}</span>, children: ledger },
    ...(canWrite && outlet && code
      ? [
          {
            key: 'receive',
            label: <span data-testid="drawer-tab-receive">{tk('stock_movement.receive', 'receive')}</span>,
            children: <MovementForm outlet={outlet} code={code} movement="receive" />,
          },
          {
            key: 'settings',
            label: <span data-testid="drawer-tab-settings">{t('parts.settings')}</span>,
            children: <SettingsForm key={`${code}:${stock?.version ?? 0}`} outlet={outlet} code={code} stock={stock} />,
          },
          {
            key: 'supplier_return',
            label: <span data-testid="drawer-tab-supplier-return">{tk('stock_movement.supplier_return', 'supplier_return')}</span>,
            children: <MovementForm outlet={outlet} code={code} movement="supplier_return" />,
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={Boolean(code)}
      onClose={onClose}
      width={isMobile ? '100%' : 640}
      title={
        <span data-testid="stock-drawer-title">
          {code} {part?.name ?? stock?.name ?? ''} {stock && <LowTag stock={stock} />}
        </span>
      }
      destroyOnHidden
      data-testid="stock-drawer"
    >
      {line.error && !first ? (
        <ErrorState error={line.error} onRetry={line.retry} retrying={line.retrying} />
      ) : line.loading || !first ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          {/* nothing moved this part here and no settings saved: the line starts at zero */}
          {stock?.version === 0 && line.items.length === 0 && <Alert type="info" showIcon message={t('parts.noLine')} data-testid="stock-no-line" />}
          {figures}
          {part && (
            <Typography.Text type="secondary">
              {[part.spec, part.unit, `${t('parts.listPrice')} ${formatFen(part.list_price_fen)}`, part.supplier].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
          <Tabs items={tabs} destroyOnHidden={false} />
        </Flex>
      )}
    </Drawer>
  );
}
