import { useState } from 'react';
import { Badge, Card, Flex, Input, Switch, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useDebounced } from '../../../utils/useDebounced';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { PartPicker } from '../components/PartPicker';
import { useStockList, useSuggestions } from '../queries';
import type { Stock } from '../types';
import { LowTag } from './LowTag';
import { StockDrawer } from './StockDrawer';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useWarehouse } from './useWarehouse';

const SEARCH_DELAY_MS = 300;

/** 库存: an outlet's stock lines by code, their warnings, each line's ledger and settings; the
 * open reorder suggestions (采购建议). */
export default function StockPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const canWrite = can('parts.stock.write');
  const { outlet, anyOutlet, outlets, params, setParam, me } = useWarehouse();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim().toUpperCase(), SEARCH_DELAY_MS);
  const low = params.get('low') === 'true';
  const tab = params.get('tab') === 'suggestions' ? 'suggestions' : 'stock';
  const list = useStockList(outlet, q, low);
  const suggestions = useSuggestions(outlet);
  const [openCode, setOpenCode] = useState<string | undefined>(params.get('code') ?? undefined);
  const figure = (key: string) => tk(`stock_figure.${key}`, key);
  const num = (key: keyof Stock, title: string, width = 76, responsive?: ('md' | 'lg' | 'xl')[]) => ({
    key,
    title,
    width,
    align: 'right' as const,
    responsive,
    render: (_: unknown, s: Stock) => <span data-testid={`stock-${key}-${s.code}`}>{String(s[key])}</span>,
  });

  const columns: TableColumnsType<Stock> = [
    {
      key: 'code',
      title: t('parts.code'),
      width: 140,
      render: (_, s) => (
        <Typography.Link onClick={() => setOpenCode(s.code)} data-testid={`stock-open-${s.code}`}>
          {s.code}
        </Typography.Link>
      ),
    },
    {
      key: 'name',
      title: t('parts.name'),
      ellipsis: false,
      render: (_, s) => (
        <span>
          {s.name} <LowTag stock={s} />
        </span>
      ),
    },
    num('on_hand', figure('on_hand')),
    num('reserved', figure('reserved'), 76, ['md']),
    {
      ...num('available', figure('available')),
      render: (_: unknown, s: Stock) => (
        <Typography.Text type={s.available < 0 ? 'danger' : undefined} data-testid={`stock-available-${s.code}`}>
          {s.available}
        </Typography.Text>
      ),
    },
    num('on_order', figure('on_order'), 76, ['lg']),
    num('defective', figure('defective'), 76, ['lg']),
    num('in_transit_in', figure('in_transit_in'), 76, ['xl']),
    num('in_transit_out', figure('in_transit_out'), 76, ['xl']),
    num('reorder_point', t('parts.reorderPoint'), 76, ['md']),
    num('max_level', t('parts.maxLevel'), 76, ['lg']),
    { key: 'bin', title: t('parts.bin'), width: 80, render: (_, s) => s.bin || '-', responsive: ['lg'] },
    { key: 'abc', title: t('parts.abc'), width: 80, render: (_, s) => (s.abc_class ? tk(`abc_class.${s.abc_class}`, s.abc_class) : '-'), responsive: ['md'] },
  ];

  const openCount = suggestions.data?.items.length ?? 0;
  const stockTable = (
    <>
      <ResponsiveTable<Stock>
        columns={columns}
        size="small"
        {...listState(list)}
        rowKey="code"
        empty={low ? t('parts.noLow') : q ? t('parts.noMatch') : t('parts.stockEmpty')}
        tableId="parts-stock"
        testId="stock-table"
        onRow={(s) => ({ 'data-testid': `stock-row-${s.code}`, 'data-low': String(s.low) })}
        renderCard={(s) => (
          <Card size="small" style={{ width: '100%' }} hoverable onClick={() => setOpenCode(s.code)} data-testid={`stock-row-${s.code}`} data-low={String(s.low)}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong data-testid={`stock-open-${s.code}`}>
                {s.code}
              </Typography.Text>
              <LowTag stock={s} />
            </Flex>
            <div>{s.name}</div>
            <Typography.Text type="secondary">
              {figure('on_hand')} <span data-testid={`stock-on_hand-${s.code}`}>{s.on_hand}</span> · {figure('available')} {s.available} · {t('parts.reorderPoint')}{' '}
              {s.reorder_point}
              {s.bin ? ` · ${s.bin}` : ''}
            </Typography.Text>
          </Card>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );

  return (
    <div>
      <PageHeader title={t('parts.stockTitle')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="stock-outlet" />}
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('parts.codePrefix')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setParam('q', e.target.value);
          }}
          style={{ width: 180 }}
          data-testid="stock-q"
        />
        <Flex align="center" gap={6}>
          <Switch size="small" checked={low} onChange={(on) => setParam('low', on ? 'true' : '')} data-testid="stock-low-only" />
          <Typography.Text>{t('parts.lowOnly')}</Typography.Text>
        </Flex>
        <PartPicker
          data-testid="stock-find-part"
          includeInactive
          placeholder={canWrite ? t('parts.findPartKeeper') : t('parts.findPart')}
          value={null}
          onChange={(code) => code && setOpenCode(code)}
          style={{ width: 260 }}
        />
      </PageHeader>
      {!anyOutlet && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('parts.warehouseOf', { outlet: me.outlet_name })}
        </Typography.Paragraph>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'stock' ? '' : key)}
        items={[
          { key: 'stock', label: <span data-testid="tab-stock">{t('parts.tabStock')}</span>, children: stockTable },
          {
            key: 'suggestions',
            label: (
              <span data-testid="tab-suggestions">
                {t('parts.tabSuggestions')} <Badge count={openCount} size="small" />
              </span>
            ),
            children: <SuggestionsPanel outlet={outlet} canWrite={canWrite} onOpen={setOpenCode} />,
          },
        ]}
      />
      <StockDrawer outlet={outlet} code={openCode} canWrite={canWrite} onClose={() => setOpenCode(undefined)} />
    </div>
  );
}
