import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, TrophyOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { useMe } from '../../../api/session';
import { useCan } from '../../../access';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { markShownInPlace } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { outletName } from '../../directory/outletName';
import { useOutlets } from '../../directory/queries';
import { pct, score } from '../../figures/components/dashboard/kpi';
import { CertificateModal } from '../components/CertificateModal';
import { CertificateScan } from '../components/CertificateScan';
import { CertificateStatus, useDaysLeft } from '../components/CertificateTags';
import { RevokeModal } from '../components/RevokeModal';
import { StarChangeModal } from '../components/StarChangeModal';
import { Stars } from '../components/Stars';
import { useTechnicianFile } from '../queries';
import { FileTrainings } from '../training/FileTrainings';
import type { CertificateView, MonthFigures, StarChange, TechnicianFile } from '../types';

type Dialog = { kind: 'stars' } | { kind: 'add' } | { kind: 'edit'; cert: CertificateView } | { kind: 'revoke'; cert: CertificateView } | null;

/** This month's figures so far: orders completed, on-time rate, satisfaction, valid complaints,
 * penalties and rewards (two to a row on a phone). */
function MonthCard({ month, conductLink }: { month: MonthFigures; conductLink: string }) {
  const { t } = useI18n();
  const figures: { key: string; title: string; value: string | number; danger?: boolean }[] = [
    { key: 'completed', title: t('tech.completed'), value: month.completed },
    { key: 'on-time', title: t('tech.onTime'), value: pct(month.on_time_rate) },
    { key: 'satisfaction', title: t('tech.satisfaction'), value: score(month.satisfaction) },
    { key: 'complaints', title: t('tech.validComplaints'), value: month.valid_complaints, danger: month.valid_complaints > 0 },
    { key: 'penalties', title: t('tech.penalties'), value: formatFen(month.penalties_fen), danger: month.penalties_fen > 0 },
    { key: 'rewards', title: t('tech.rewards'), value: formatFen(month.rewards_fen) },
  ];
  return (
    <Card
      size="small"
      title={t('tech.month', { month: month.month })}
      data-testid="tech-month"
      data-month={month.month}
      extra={
        <Link to={conductLink} data-testid="tech-conduct-link">
          <TrophyOutlined /> {t('tech.conductLink')}
        </Link>
      }
    >
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={4}>
            <Statistic title={f.title} value={f.value} valueStyle={{ fontSize: 20, color: f.danger ? '#cf1322' : undefined }} data-testid={`tech-month-${f.key}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The validity of a certificate: its dates, how long is left, and why it was revoked. */
function Validity({ cert }: { cert: CertificateView }) {
  const { t } = useI18n();
  const daysLeft = useDaysLeft();
  const tone = cert.status === 'expired' ? 'danger' : cert.status === 'expiring' ? 'warning' : 'secondary';
  return (
    <Flex vertical gap={0}>
      <span>
        {cert.valid_from} ~ {cert.valid_to}
      </span>
      {cert.status === 'revoked' ? (
        <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
          {t('tech.revokedBecause', { reason: cert.revoked_reason ?? '' })}
        </Typography.Text>
      ) : (
        <Typography.Text type={tone} data-testid="cert-days">
          {daysLeft(cert)}
        </Typography.Text>
      )}
    </Flex>
  );
}

function CertificatesCard({ file, canWrite, onEdit, onRevoke, onAdd, scan }: {
  file: TechnicianFile;
  canWrite: boolean;
  onEdit: (c: CertificateView) => void;
  onRevoke: (c: CertificateView) => void;
  onAdd: () => void;
  /** The certificate's scan: attached or not, its link, the upload (CertificateScan). */
  scan: (c: CertificateView) => ReactNode;
}) {
  const { t } = useI18n();
  const actions = (c: CertificateView) =>
    canWrite && c.status !== 'revoked' ? (
      <Space size={4}>
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(c)} data-testid="cert-edit">
          {t('tech.edit')}
        </Button>
        <Button size="small" danger icon={<StopOutlined />} onClick={() => onRevoke(c)} data-testid="cert-revoke">
          {t('tech.revoke')}
        </Button>
      </Space>
    ) : null;
  const columns: TableColumnsType<CertificateView> = [
    { key: 'type', title: t('tech.certType'), width: 150, render: (_, c) => c.type_name },
    { key: 'number', title: t('tech.certNumber'), width: 150, render: (_, c) => c.number },
    { key: 'issuer', title: t('tech.certIssuer'), responsive: ['lg'], render: (_, c) => c.issuer },
    { key: 'valid', title: t('tech.validRange'), width: 210, ellipsis: false, render: (_, c) => <Validity cert={c} /> },
    { key: 'status', title: t('tech.status'), width: 110, ellipsis: false, render: (_, c) => <CertificateStatus cert={c} /> },
    { key: 'scan', title: t('tech.scan.title'), width: 190, ellipsis: false, render: (_, c) => scan(c) },
    ...(canWrite ? [{ key: 'actions', width: 170, ellipsis: false, onHeaderCell: () => ({ 'aria-label': t('tech.actions') }), render: (_: unknown, c: CertificateView) => actions(c) }] : []),
  ];
  return (
    <Card
      size="small"
      title={t('tech.certificates')}
      data-testid="tech-certs"
      extra={
        canWrite ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid="cert-add">
            {t('tech.addCert')}
          </Button>
        ) : null
      }
    >
      <ResponsiveTable<CertificateView>
        items={file.certificates}
        loading={false}
        rowKey="id"
        columns={columns}
        empty={t('tech.noCertificates')}
        testId="tech-certs-table"
        onRow={(c) => ({ 'data-testid': `cert-row-${c.id}`, 'data-type': c.type, 'data-status': c.status })}
        renderCard={(c) => (
          <Card size="small" style={{ width: '100%' }} data-testid={`cert-row-${c.id}`} data-type={c.type} data-status={c.status}>
            <Flex justify="space-between" wrap gap={6} align="center">
              <Typography.Text strong>{c.type_name}</Typography.Text>
              <CertificateStatus cert={c} />
            </Flex>
            <div style={{ wordBreak: 'break-word' }}>
              {c.number} · {c.issuer}
            </div>
            <Validity cert={c} />
            <div style={{ marginTop: 6 }}>{scan(c)}</div>
            {actions(c) && <div style={{ marginTop: 6 }}>{actions(c)}</div>}
          </Card>
        )}
      />
    </Card>
  );
}

function HistoryCard({ history }: { history: StarChange[] }) {
  const { t, tk } = useI18n();
  const change = (s: StarChange) => (
    <span data-testid="history-change" data-from={s.from ?? 0} data-to={s.to}>
      {s.from ? t('tech.starsN', { n: s.from }) : t('tech.noStars')} → {t('tech.starsN', { n: s.to })}
    </span>
  );
  const reference = (s: StarChange) => `${tk(`star_reference.${s.reference.kind}`, s.reference.kind)} · ${s.reference.ref}`;
  const columns: TableColumnsType<StarChange> = [
    { key: 'at', title: t('conduct.at'), width: 150, render: (_, s) => formatTime(s.at) },
    { key: 'change', title: t('tech.change'), width: 140, render: (_, s) => change(s) },
    { key: 'reference', title: t('tech.referenceKind'), width: 220, render: (_, s) => reference(s) },
    { key: 'reason', title: t('tech.reason'), render: (_, s) => s.reason },
    { key: 'by', title: t('tech.by'), width: 100, responsive: ['md'], render: (_, s) => s.by_name ?? s.by },
  ];
  return (
    <Card size="small" title={t('tech.history')} data-testid="tech-history">
      <ResponsiveTable<StarChange>
        items={history}
        loading={false}
        rowKey={(s) => s.id ?? s.at}
        columns={columns}
        empty={t('tech.noHistory')}
        testId="tech-history-table"
        onRow={() => ({ 'data-testid': 'history-row' })}
        renderCard={(s) => (
          <Card size="small" style={{ width: '100%' }} data-testid="history-row">
            <Flex justify="space-between" wrap gap={6}>
              <Typography.Text strong>{change(s)}</Typography.Text>
              <Typography.Text type="secondary">{formatTime(s.at)}</Typography.Text>
            </Flex>
            <div style={{ wordBreak: 'break-word' }}>{reference(s)}</div>
            <div style={{ wordBreak: 'break-word' }}>{s.reason}</div>
            <Typography.Text type="secondary">{s.by_name ?? s.by}</Typography.Text>
          </Card>
        )}
      />
    </Card>
  );
}

/**
 * 技术档案: a technician's stars (a manager of their outlet or head office changes them, with an
 * exam or appraisal reference; never one's own), the history of their star level, their
 * certificates (added, corrected and revoked by the same people) and this month's figures so
 * far. `/technicians/me` is the signed-in technician's own (我的技术档案, on the phone).
 */
export default function TechnicianFilePage() {
  const { username: param } = useParams<{ username: string }>();
  const me = useMe();
  const { t, tk, lang } = useI18n();
  const can = useCan();
  const username = param === 'me' ? me.username : param;
  const query = useTechnicianFile(username);
  const outlets = useOutlets();
  const [dialog, setDialog] = useState<Dialog>(null);
  const file = query.data;

  if (query.error && !file) {
    // nobody by that name, or not theirs to read: the server answers 404 alike
    if (query.error instanceof ApiError && query.error.status === 404) {
      markShownInPlace(query.error);
      return (
        <div data-testid="tech-not-found">
          <Result status="404" title={t('tech.file.notFound')} />
        </div>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  if (!file) return <Skeleton active />;

  const own = file.username === me.username;
  // nobody changes their own stars; a technician holds neither permission
  const mayChangeStars = can('technicians.stars.write') && !own;
  const mayWriteCertificates = can('technicians.certificates.write');
  const outlet = outlets?.find((o) => o.code === file.outlet);
  const reread = () => void query.refetch();
  // a scan's link lives minutes (no timer renews it): one opened after it lapsed is fetched anew
  // with the file; a failed read says so rather than opening the lapsed link
  const freshScanUrl = (id: string) => async () =>
    (await query.refetch({ throwOnError: true })).data?.certificates.find((c) => c.id === id)?.scan?.url ?? null;
  const close = () => setDialog(null);

  return (
    <div style={{ maxWidth: 1100 }} data-testid="tech-file" data-username={file.username}>
      <PageHeader title={<span data-testid="tech-file-name">{own ? t('menu.myTechnicianFile') : t('tech.file.title', { name: file.name })}</span>}>
        {mayChangeStars && (
          <Button type="primary" onClick={() => setDialog({ kind: 'stars' })} data-testid="stars-change">
            {t('tech.changeStars')}
          </Button>
        )}
      </PageHeader>
      {query.error ? <ErrorState compact stale error={query.error} onRetry={reread} retrying={query.isFetching} /> : null}
      <Flex vertical gap={12}>
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={12}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('conduct.outlet')}>{outlet ? outletName(outlet, lang) : file.outlet}</Descriptions.Item>
                <Descriptions.Item label={t('conduct.role')}>{tk(`role.${file.role}`, file.role)}</Descriptions.Item>
              </Descriptions>
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{t('tech.stars')}</Typography.Text>
              <div>
                <Stars level={file.star_level} testId="tech-file-stars" size={22} />
              </div>
            </Col>
          </Row>
        </Card>
        <CertificatesCard
          file={file}
          canWrite={mayWriteCertificates}
          onAdd={() => setDialog({ kind: 'add' })}
          onEdit={(cert) => setDialog({ kind: 'edit', cert })}
          onRevoke={(cert) => setDialog({ kind: 'revoke', cert })}
          scan={(cert) => <CertificateScan username={file.username} cert={cert} canWrite={mayWriteCertificates} freshUrl={freshScanUrl(cert.id)} onStale={reread} />}
        />
        <MonthCard month={file.month} conductLink={own ? '/people/me' : `/people/${encodeURIComponent(file.username)}`} />
        <FileTrainings trainings={file.trainings} retakes={file.retakes_pending} />
        <HistoryCard history={file.stars_history} />
      </Flex>
      {dialog?.kind === 'stars' && <StarChangeModal file={file} onClose={close} onStale={reread} />}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <CertificateModal username={file.username} name={file.name} certificate={dialog.kind === 'edit' ? dialog.cert : undefined} onClose={close} onStale={reread} />
      )}
      {dialog?.kind === 'revoke' && <RevokeModal username={file.username} certificate={dialog.cert} onClose={close} onStale={reread} />}
    </div>
  );
}
