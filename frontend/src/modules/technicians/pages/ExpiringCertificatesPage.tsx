import { Link } from 'react-router-dom';
import { Card, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCan } from '../../../access';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { CertificateStatus, useDaysLeft } from '../components/CertificateTags';
import { useExpiringCertificates } from '../queries';
import type { ExpiringCertificate } from '../types';

/**
 * 证书到期: the outlet's certificates expiring within head office's warning period and those
 * expired lately, soonest first (as the server orders them); an expired one is marked red. Each
 * names its technician, whose file opens from it.
 */
export default function ExpiringCertificatesPage() {
  const { t } = useI18n();
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const ready = !anyOutlet || Boolean(outlet);
  const { data, error, isFetching, refetch } = useExpiringCertificates(outlet, ready);
  const daysLeft = useDaysLeft();
  const fileLink = (c: ExpiringCertificate) => `/technicians/${encodeURIComponent(c.username)}`;
  const left = (c: ExpiringCertificate) => (
    <Typography.Text type={c.days_left < 0 ? 'danger' : 'warning'} data-testid="expiry-days">
      {daysLeft(c)}
    </Typography.Text>
  );

  const columns: TableColumnsType<ExpiringCertificate> = [
    { key: 'valid_to', title: t('tech.validTo'), width: 110, render: (_, c) => c.valid_to },
    { key: 'days', title: t('tech.status'), width: 200, ellipsis: false, render: (_, c) => <Flex gap={4} wrap align="center"><CertificateStatus cert={c} />{left(c)}</Flex> },
    { key: 'technician', title: t('tech.technician'), width: 140, render: (_, c) => <Link to={fileLink(c)}>{c.name}</Link> },
    { key: 'type', title: t('tech.certType'), width: 160, render: (_, c) => c.type_name },
    { key: 'number', title: t('tech.certNumber'), width: 160, render: (_, c) => c.number },
    { key: 'issuer', title: t('tech.certIssuer'), responsive: ['lg'], render: (_, c) => c.issuer },
  ];

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title={t('menu.certificateExpiry')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="expiry-outlet" />}
        <RefreshButton label={t('tech.refresh')} loading={isFetching} onClick={() => void refetch()} testId="expiry-refresh" />
      </PageHeader>
      {data && <Typography.Paragraph type="secondary" data-testid="expiry-hint">{t('tech.expiry.hint', { days: data.warn_days })}</Typography.Paragraph>}
      <ResponsiveTable<ExpiringCertificate>
        items={data?.items ?? []}
        rowKey="id"
        loading={!data && ready}
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
        empty={t('tech.expiry.empty')}
        columns={columns}
        tableId="certificate-expiry"
        testId="expiry-list"
        onRow={(c) => ({ 'data-testid': `expiry-row-${c.id}`, 'data-status': c.status })}
        renderCard={(c) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`expiry-row-${c.id}`} data-status={c.status}>
            <Flex justify="space-between" wrap gap={6}>
              <Link to={fileLink(c)}>{c.name}</Link>
              <Flex gap={4} align="center">
                <CertificateStatus cert={c} />
                {left(c)}
              </Flex>
            </Flex>
            <div>
              {c.type_name} · {c.number}
            </div>
            <Typography.Text type="secondary">
              {t('tech.validTo')} {c.valid_to}
            </Typography.Text>
          </Card>
        )}
      />
    </div>
  );
}
