import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Input, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useCan } from '../../../access';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useDebounced } from '../../../utils/useDebounced';
import { defaultOutlet, OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { ImportPanel } from '../components/ImportPanel';
import { RegisterUnitModal } from '../components/RegisterUnitModal';
import { useUnitList } from '../queries';
import type { Unit } from '../types';

const SEARCH_DELAY_MS = 300;
const unitPath = (u: Pick<Unit, 'customer_id' | 'id'>) => `/customers/${u.customer_id}/units/${u.id}`;

/** 产品档案: an outlet's units by serial number; registering one; the Excel import. */
export default function UnitsPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const outlet = anyOutlet ? (params.get('outlet') ?? defaultOutlet(outlets)) : undefined;
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), SEARCH_DELAY_MS);
  const list = useUnitList(q, outlet, !anyOutlet || Boolean(outlet));
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(params.get('import') === '1');

  const columns: TableColumnsType<Unit> = [
    {
      key: 'serial',
      title: t('unitInfo.serial'),
      width: 180,
      render: (_, u) => (
        <Link to={unitPath(u)} data-testid={`unit-link-${u.serial_no}`}>
          {u.serial_no}
        </Link>
      ),
    },
    { key: 'model', title: t('unitInfo.model'), dataIndex: 'model', width: 160 },
    { key: 'customer', title: t('unitInfo.customer'), render: (_, u) => u.customer_name ?? '-' },
    { key: 'delivered_on', title: t('unitInfo.deliveredOn'), width: 120, render: (_, u) => u.delivered_on ?? '-', responsive: ['md'] },
    { key: 'source', title: t('unitInfo.source'), width: 130, render: (_, u) => (u.source ? tk(`unit_source.${u.source}`, u.source) : '-'), responsive: ['lg'] },
  ];

  return (
    <div>
      <PageHeader title={t('units.title')}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('units.search')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setParams((p) => (e.target.value ? p.set('q', e.target.value) : p.delete('q'), p), { replace: true });
          }}
          style={{ width: 220 }}
          data-testid="units-search"
        />
        {anyOutlet && (
          <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParams((p) => (p.set('outlet', code), p), { replace: true })} testId="units-outlet" />
        )}
        {can('warranty.units.import') && (
          <Button icon={<ImportOutlined />} onClick={() => setImporting((v) => !v)} data-testid="units-import-toggle">
            {t('import.open')}
          </Button>
        )}
        {can('warranty.units.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="units-register">
            {t('reg.title')}
          </Button>
        )}
      </PageHeader>
      {importing && can('warranty.units.import') && <ImportPanel />}
      <ResponsiveTable<Unit>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={q ? t('units.noMatch') : t('units.empty')}
        tableId="units"
        testId="units-table"
        onRow={(u) => ({ 'data-testid': `unit-row-${u.serial_no}` })}
        renderCard={(u) => (
          <Card size="small" style={{ width: '100%' }} hoverable onClick={() => navigate(unitPath(u))} data-testid={`unit-row-${u.serial_no}`}>
            <Flex justify="space-between" gap={8} wrap>
              <Link to={unitPath(u)} onClick={(e) => e.stopPropagation()} data-testid={`unit-link-${u.serial_no}`}>
                {u.serial_no}
              </Link>
              <Typography.Text>{u.model}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary">{u.customer_name ?? ''}</Typography.Text>
          </Card>
        )}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
      <RegisterUnitModal open={registering} onClose={() => setRegistering(false)} onRegistered={(unit) => navigate(unitPath(unit))} />
    </div>
  );
}
