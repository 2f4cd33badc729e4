import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Input, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '../../../access';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { useDebounced } from '../../../utils/useDebounced';
import { PartModal } from './PartModal';
import { partsKeys, usePartList, usePartSearch } from '../queries';
import type { Part } from '../types';

const SEARCH_DELAY_MS = 250;

/** 配件目录: the catalogue by code, searched as one types (code, name or pinyin initials:
 * "qdj" finds 启动机); head office creates and edits parts. */
export default function CataloguePage() {
  const { t } = useI18n();
  const can = useCan();
  const client = useQueryClient();
  const canWrite = can('parts.catalogue.write');
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), SEARCH_DELAY_MS);
  const searching = q.length > 0;
  const list = usePartList(!searching);
  const search = usePartSearch(q);
  // null: a new part; undefined: the form is closed
  const [editing, setEditing] = useState<Part | null | undefined>(undefined);

  const items = searching ? (search.data?.items ?? []) : list.items;
  const editButton = (p: Part) =>
    canWrite && (
      <Button
        size="small"
        type="link"
        icon={<EditOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          setEditing(p);
        }}
        data-testid={`part-edit-${p.code}`}
        aria-label={t('parts.edit')}
      >
        {t('parts.edit')}
      </Button>
    );
  const flags = (p: Part) => (
    <>
      {p.expensive && (
        <Tag color="gold" data-testid={`part-expensive-${p.code}`}>
          {t('parts.expensiveTag')}
        </Tag>
      )}
      {!p.active && <Tag>{t('parts.inactiveTag')}</Tag>}
    </>
  );

  const columns: TableColumnsType<Part> = [
    { key: 'code', title: t('parts.code'), dataIndex: 'code', width: 150 },
    {
      key: 'name',
      title: t('parts.name'),
      ellipsis: false,
      render: (_, p) => (
        <span>
          {p.name} {flags(p)}
        </span>
      ),
    },
    { key: 'spec', title: t('parts.spec'), width: 140, render: (_, p) => p.spec ?? '-', responsive: ['lg'] },
    { key: 'unit', title: t('parts.unit'), dataIndex: 'unit', width: 70 },
    { key: 'list_price', title: t('parts.listPrice'), width: 120, align: 'right', render: (_, p) => formatFen(p.list_price_fen) },
    // the internal cost: only for those who may see it (the server sends null to the others)
    ...(can('parts.costs.read')
      ? [{ key: 'cost', title: t('parts.cost'), width: 120, align: 'right' as const, render: (_: unknown, p: Part) => formatFen(p.cost_fen), responsive: ['md' as const] }]
      : []),
    { key: 'supplier', title: t('parts.supplier'), width: 150, render: (_, p) => p.supplier ?? '-', responsive: ['xl'] },
    { key: 'models', title: t('parts.models'), width: 180, render: (_, p) => p.models.join('、') || '-', responsive: ['xl'] },
    ...(canWrite ? [{ key: 'actions', width: 90, render: (_: unknown, p: Part) => editButton(p), onHeaderCell: () => ({ 'aria-label': t('parts.edit') }) }] : []),
  ];

  return (
    <div>
      <PageHeader title={t('parts.catalogueTitle')}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('parts.search')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setParams((p) => (e.target.value ? p.set('q', e.target.value) : p.delete('q'), p), { replace: true });
          }}
          style={{ width: 260 }}
          data-testid="parts-search"
        />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="part-new">
            {t('parts.new')}
          </Button>
        )}
      </PageHeader>
      <ResponsiveTable<Part>
        columns={columns}
        items={items}
        rowKey="code"
        loading={searching ? search.isPending : list.loading}
        error={searching ? search.error : list.error}
        onRetry={searching ? () => void search.refetch() : list.retry}
        retrying={searching ? search.isFetching : list.retrying}
        empty={searching ? t('parts.noMatch') : t('parts.catalogueEmpty')}
        tableId="parts-catalogue"
        testId="parts-table"
        onRow={(p) => ({ 'data-testid': `part-row-${p.code}` })}
        renderCard={(p) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`part-row-${p.code}`}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{p.code}</Typography.Text>
              <Typography.Text>{formatFen(p.list_price_fen)}</Typography.Text>
            </Flex>
            <div>
              {p.name} {flags(p)}
            </div>
            <Flex justify="space-between" align="center">
              <Typography.Text type="secondary">{[p.spec, p.unit].filter(Boolean).join(' · ')}</Typography.Text>
              {editButton(p)}
            </Flex>
          </Card>
        )}
      />
      {!searching && <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />}
      {editing !== undefined && (
        <PartModal part={editing} open onClose={() => setEditing(undefined)} onReload={() => void client.invalidateQueries({ queryKey: partsKeys.catalogue() })} />
      )}
    </div>
  );
}
