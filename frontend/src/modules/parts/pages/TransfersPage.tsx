import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Tabs, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import type { Outlet } from '../../../api/types';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler, useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { outletName } from '../../directory/outletName';
import { PartPicker } from '../components/PartPicker';
import { useCreateTransfer, useTransferAction, useTransferList, useWarehouses } from '../queries';
import { MAX_QUANTITY, type Transfer, type TransferAction, type TransferDirection, type TransferState } from '../types';
import { useWarehouse } from './useWarehouse';

const ACTIONS: TransferAction[] = ['send', 'receive', 'cancel'];
const STATE_COLORS: Record<TransferState, string> = { requested: 'gold', in_transit: 'processing', received: 'success', cancelled: 'default' };

/** A warehouse's name in the reader's language (the network's warehouses: a keeper sees the
 * other outlets' names though not their details). */
function useOutletName() {
  const { lang } = useI18n();
  const warehouses = useWarehouses().data?.items;
  return (code: string) => {
    const found = warehouses?.find((o) => o.code === code);
    return found ? outletName(found, lang) : code;
  };
}

export function TransferStateTag({ state }: { state: TransferState }) {
  const { tk } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid="transfer-state">
      {tk(`transfer_state.${state}`, state)}
    </Tag>
  );
}

/** The transfer's next steps the caller may take (the server says which), each confirmed. */
function TransferActions({ transfer, onDone }: { transfer: Transfer; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useTransferAction();
  const showError = useShowError();
  const allowed = ACTIONS.filter((a) => transfer.allowed_actions.includes(a));
  if (allowed.length === 0) return null;
  return (
    <Flex gap={6} wrap onClick={(e) => e.stopPropagation()}>
      {allowed.map((action) => (
        <Popconfirm
          key={action}
          title={t(`parts.transferConfirm.${action}`)}
          okText={t(`parts.transferButton.${action}`)}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': `transfer-confirm-${action}` } as ButtonProps}
          onConfirm={() =>
            act
              .mutateAsync({ id: transfer.id, action, version: transfer.version })
              .then(() => {
                message.success(t(`parts.transferDone.${action}`));
                onDone?.();
              })
              .catch(showError)
          }
        >
          <Button size="small" type={action === 'cancel' ? 'default' : 'primary'} danger={action === 'cancel'} loading={act.isPending && act.variables?.action === action} data-testid={`transfer-${action}-${transfer.id}`}>
            {t(`parts.transferButton.${action}`)}
          </Button>
        </Popconfirm>
      ))}
    </Flex>
  );
}

interface NewValues {
  from_outlet: string;
  to_outlet: string;
  lines: { code: string; quantity: number }[];
  note?: string;
}

/** 新建调拨单: from this warehouse to another, parts picked by code, name or pinyin. */
function NewTransferModal({ from, anyOutlet, outlets, onClose }: { from: string | undefined; anyOutlet: boolean; outlets: Outlet[] | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewValues>();
  const create = useCreateTransfer();
  const handleError = useFormErrorHandler();
  const fromOutlet = Form.useWatch('from_outlet', form) ?? from;
  const outletName = useOutletName();
  const options = (useWarehouses().data?.items ?? []).filter((o) => o.code !== fromOutlet);
  return (
    <Modal
      open
      title={t('parts.newTransfer')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('parts.createTransfer')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'transfer-create-ok' } as ButtonProps}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ from_outlet: from, lines: [{ code: undefined, quantity: 1 }] }}
        onFinish={(values) =>
          void create
            .mutateAsync({
              from_outlet: values.from_outlet,
              to_outlet: values.to_outlet,
              lines: values.lines.map((l) => ({ code: l.code, quantity: l.quantity })),
              note: values.note?.trim() || null,
            })
            .then(() => {
              message.success(t('parts.transferCreated'));
              onClose();
            })
            .catch((err: unknown) => handleError(form, err))
        }
      >
        <Flex gap={12} wrap>
          <Form.Item name="from_outlet" label={t('parts.fromOutlet')} rules={[{ required: true, message: t('common.required', { label: t('parts.fromOutlet') }) }]}>
            {anyOutlet ? <OutletSelect outlets={outlets} value={undefined} onChange={() => undefined} testId="transfer-from" /> : <Input disabled style={{ width: 120 }} data-testid="transfer-from" />}
          </Form.Item>
          <Form.Item name="to_outlet" label={t('parts.toOutlet')} rules={[{ required: true, message: t('common.required', { label: t('parts.toOutlet') }) }]}>
            <Select style={{ minWidth: 240 }} popupMatchSelectWidth={false} options={options.map((o) => ({ value: o.code, label: `${o.code} · ${outletName(o.code)}` }))} data-testid="transfer-to" />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('parts.lines')}</Typography.Text>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('parts.pickPart') }]} style={{ flex: 1, minWidth: 220 }}>
                    <PartPicker data-testid={`transfer-line-part-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('common.required', { label: t('parts.quantity') }) }]}>
                    <InputNumber min={1} max={MAX_QUANTITY} precision={0} placeholder={t('parts.quantity')} data-testid={`transfer-line-quantity-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('parts.removeLine')} />}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="transfer-add-line">
                {t('parts.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('parts.note')} style={{ marginTop: 12 }}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="transfer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A transfer: its lines, note, history and next steps. */
function TransferDrawer({ transfer, outletName, onClose }: { transfer: Transfer | null; outletName: (code: string) => string; onClose: () => void }) {
  const { t, tk } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Drawer open={Boolean(transfer)} onClose={onClose} width={isMobile ? '100%' : 560} title={t('parts.transferTitle')} destroyOnHidden data-testid="transfer-drawer">
      {transfer && (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('parts.route')}>
              {outletName(transfer.from_outlet)} → {outletName(transfer.to_outlet)}
            </Descriptions.Item>
            <Descriptions.Item label={t('parts.state')}>
              <TransferStateTag state={transfer.state} />
            </Descriptions.Item>
            {transfer.note && <Descriptions.Item label={t('parts.note')}>{transfer.note}</Descriptions.Item>}
          </Descriptions>
          {transfer.lines.map((l) => (
            <Flex key={l.code} justify="space-between" data-testid={`transfer-line-${l.code}`}>
              <span>
                {l.code} {l.name}
              </span>
              <Typography.Text strong>
                {l.quantity} {l.unit}
              </Typography.Text>
            </Flex>
          ))}
          <Timeline
            items={transfer.history.map((h) => ({
              children: (
                <>
                  <div>
                    {tk(`transfer_action.${h.action}`, h.action)} · {h.by_name ?? h.by}
                  </div>
                  <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
                  {h.note && <div>{h.note}</div>}
                </>
              ),
            }))}
          />
          <TransferActions transfer={transfer} onDone={onClose} />
        </Flex>
      )}
    </Drawer>
  );
}

/** 调拨: transfers out of and into the warehouse; a new one; send, receive, cancel. */
export default function TransfersPage() {
  const { t } = useI18n();
  const can = useCan();
  const { outlet, anyOutlet, outlets, params, setParam } = useWarehouse();
  const direction: TransferDirection = params.get('direction') === 'in' ? 'in' : 'out';
  const list = useTransferList(outlet, direction, Boolean(outlet));
  const outletName = useOutletName();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.items.find((x) => x.id === openId) ?? null;
  const summary = (x: Transfer) => x.lines.map((l) => `${l.code}×${l.quantity}`).join('、');

  const columns: TableColumnsType<Transfer> = [
    { key: 'created_at', title: t('parts.createdAt'), width: 150, render: (_, x) => formatTime(x.created_at) },
    { key: 'route', title: t('parts.route'), width: 200, render: (_, x) => `${outletName(x.from_outlet)} → ${outletName(x.to_outlet)}` },
    { key: 'state', title: t('parts.state'), width: 100, render: (_, x) => <TransferStateTag state={x.state} /> },
    { key: 'lines', title: t('parts.lines'), render: (_, x) => summary(x) },
    { key: 'actions', width: 200, ellipsis: false, render: (_, x) => <TransferActions transfer={x} />, onHeaderCell: () => ({ 'aria-label': t('parts.actions') }) },
  ];

  const table = (
    <>
      <ResponsiveTable<Transfer>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('parts.noTransfers')}
        testId="transfers-table"
        onRow={(x) => ({ 'data-testid': `transfer-row-${x.id}`, onClick: () => setOpenId(x.id), style: { cursor: 'pointer' } })}
        renderCard={(x) => (
          <Card size="small" style={{ width: '100%' }} onClick={() => setOpenId(x.id)} data-testid={`transfer-row-${x.id}`}>
            <Flex justify="space-between" wrap gap={6}>
              <span>
                {outletName(x.from_outlet)} → {outletName(x.to_outlet)}
              </span>
              <TransferStateTag state={x.state} />
            </Flex>
            <div>{summary(x)}</div>
            <Flex justify="space-between" wrap gap={6} align="center">
              <Typography.Text type="secondary">{formatTime(x.created_at)}</Typography.Text>
              <TransferActions transfer={x} />
            </Flex>
          </Card>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );

  return (
    <div>
      <PageHeader title={t('parts.transfersTitle')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="transfers-outlet" />}
        {can('parts.transfers.write') && (
          <Button type="primary" icon={<SwapOutlined />} onClick={() => setCreating(true)} data-testid="transfer-new" disabled={!outlet}>
            {t('parts.newTransfer')}
          </Button>
        )}
      </PageHeader>
      <Tabs
        activeKey={direction}
        onChange={(key) => setParam('direction', key)}
        items={[
          { key: 'out', label: <span data-testid="transfers-out">{t('parts.outgoing')}</span>, children: table },
          { key: 'in', label: <span data-testid="transfers-in">{t('parts.incoming')}</span>, children: table },
        ]}
      />
      {creating && <NewTransferModal from={outlet} anyOutlet={anyOutlet} outlets={outlets} onClose={() => setCreating(false)} />}
      <TransferDrawer transfer={open} outletName={outletName} onClose={() => setOpenId(null)} />
    </div>
  );
}
