import { Link } from 'react-router-dom';
import { Button, Card, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { CertificateTags } from '../components/CertificateTags';
import { Stars } from '../components/Stars';
import { useTechnicianList } from '../queries';
import type { TechnicianSummary } from '../types';

/** How many of a technician's certificates are expiring or expired (red when any expired). */
function Count({ n, danger, testId }: { n: number; danger?: boolean; testId: string }) {
  return (
    <Typography.Text type={n && danger ? 'danger' : n ? 'warning' : 'secondary'} strong={n > 0} data-testid={testId}>
      {n}
    </Typography.Text>
  );
}

/**
 * 技术员: an outlet's technicians (a manager's own outlet; head office picks one) with their
 * stars, their certificates tagged by status and how many are expiring or expired; each opens
 * the technician's file.
 */
export default function TechniciansPage() {
  const { t, tk } = useI18n();
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const ready = !anyOutlet || Boolean(outlet);
  // keyed by outlet: an answer for an earlier choice is never shown for this one
  const { data, error, isFetching, refetch } = useTechnicianList(outlet, ready);
  const fileLink = (r: TechnicianSummary) => `/technicians/${encodeURIComponent(r.username)}`;
  const expiryLink = outlet ? `/technicians/certificates/expiring?outlet=${encodeURIComponent(outlet)}` : '/technicians/certificates/expiring';

  const columns: TableColumnsType<TechnicianSummary> = [
    { key: 'name', title: t('tech.name'), width: 150, render: (_, r) => <Link to={fileLink(r)}>{r.name}</Link> },
    { key: 'stars', title: t('tech.stars'), width: 150, render: (_, r) => <Stars level={r.star_level} testId="tech-stars" /> },
    { key: 'certificates', title: t('tech.certificates'), ellipsis: false, render: (_, r) => <CertificateTags certificates={r.certificates} /> },
    { key: 'expiring', title: tk('certificate_status.expiring', 'expiring'), width: 100, align: 'right', render: (_, r) => <Count n={r.expiring} testId="tech-expiring" /> },
    { key: 'expired', title: tk('certificate_status.expired', 'expired'), width: 100, align: 'right', render: (_, r) => <Count n={r.expired} danger testId="tech-expired" /> },
  ];

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title={t('menu.technicians')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="tech-outlet" />}
        <Link to={expiryLink}>
          <Button icon={<SafetyCertificateOutlined />} data-testid="tech-expiry-link">
            {t('menu.certificateExpiry')}
          </Button>
        </Link>
        <RefreshButton label={t('tech.refresh')} loading={isFetching} onClick={() => void refetch()} testId="tech-refresh" />
      </PageHeader>
      <ResponsiveTable<TechnicianSummary>
        items={data?.items ?? []}
        rowKey="username"
        loading={!data && ready}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={t('tech.list.empty')}
        columns={columns}
        tableId="technicians"
        testId="tech-list"
        onRow={(r) => ({ 'data-testid': `tech-row-${r.username}` })}
        renderCard={(r) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`tech-row-${r.username}`}>
            <Flex justify="space-between" align="center" wrap gap={6}>
              <Link to={fileLink(r)}>{r.name}</Link>
              <Stars level={r.star_level} testId="tech-stars" />
            </Flex>
            <div style={{ marginTop: 6 }}>
              <CertificateTags certificates={r.certificates} />
            </div>
          </Card>
        )}
      />
    </div>
  );
}
