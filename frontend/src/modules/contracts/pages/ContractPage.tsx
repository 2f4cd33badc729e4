import { useState } from 'react';
import { Alert, App, Button, type ButtonProps, Card, Descriptions, Empty, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { isStaleVersion, markShownInPlace, useShowError } from '../../../utils/errors';
import { formatFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { RenewDialog, TerminateDialog } from '../components/ContractDialogs';
import { ContractStateTag, RenewalDueTag, periodText, useScheduleText } from '../components/ContractTags';
import { InspectionsCard } from '../components/InspectionsCard';
import { rereadContract, useActivateContract, useContract } from '../queries';
import type { Contract } from '../types';

function Back() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/contracts')} data-testid="contract-back" style={{ paddingInline: 4 }}>
      {t('contracts.back')}
    </Button>
  );
}

/** Edit, activate, renew, terminate: as the contract's `may` says for the reader. */
function ContractActions({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const showError = useShowError();
  const activate = useActivateContract(contract.id);
  const [dialog, setDialog] = useState<'renew' | 'terminate' | null>(null);
  const { may } = contract;
  if (!may.edit && !may.activate && !may.renew && !may.terminate) return null;
  const stale = () => {
    void message.warning(t('contracts.stale'));
    void rereadContract(client, contract.id);
  };

  const onActivate = async () => {
    try {
      await activate.mutateAsync(contract.version);
      void message.success(t('contracts.activated'));
    } catch (err) {
      if (isStaleVersion(err)) stale();
      else showError(err);
    }
  };

  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="contract-actions">
      {may.activate && (
        <Popconfirm title={t('contracts.activateConfirm')} onConfirm={onActivate} okButtonProps={{ 'data-testid': 'contract-activate-ok' } as ButtonProps}>
          <Button type="primary" icon={<CheckOutlined />} loading={activate.isPending} data-testid="contract-activate">
            {t('contracts.activate')}
          </Button>
        </Popconfirm>
      )}
      {may.edit && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/contracts/${contract.id}/edit`)} data-testid="contract-edit">
          {t('contracts.edit')}
        </Button>
      )}
      {may.renew && (
        <Button icon={<RedoOutlined />} onClick={() => setDialog('renew')} data-testid="contract-renew">
          {t('contracts.renew')}
        </Button>
      )}
      {may.terminate && (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('terminate')} data-testid="contract-terminate">
          {t('contracts.terminate')}
        </Button>
      )}
      {dialog === 'renew' && (
        <RenewDialog contract={contract} onClose={() => setDialog(null)} onStale={stale} onRenewed={(renewal) => navigate(`/contracts/${renewal.id}`)} />
      )}
      {dialog === 'terminate' && <TerminateDialog contract={contract} onClose={() => setDialog(null)} onStale={() => void rereadContract(client, contract.id)} />}
    </Flex>
  );
}

const wrap = { wordBreak: 'break-word' as const };

function Coverage({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const siteName = (id: string) => contract.site_names[id] ?? id;
  return (
    <Card size="small" title={t('contracts.coverage')} style={{ marginBottom: 12 }} data-testid="contract-coverage">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('contracts.sites')}>
          <Flex vertical gap={2} data-testid="contract-sites" style={wrap}>
            {contract.sites.map((id) => (
              <span key={id}>{siteName(id)}</span>
            ))}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.units')}>
          {contract.units.length === 0 ? (
            <span data-testid="contract-units">{t('contracts.unitsAll')}</span>
          ) : (
            <Flex vertical gap={2} data-testid="contract-units" style={wrap}>
              {contract.units.map((id) => {
                const unit = contract.unit_labels[id];
                return (
                  <span key={id}>
                    {unit ? `${unit.model} · ${unit.serial}` : id}
                    {unit?.site_id ? <Typography.Text type="secondary"> · {siteName(unit.site_id)}</Typography.Text> : null}
                  </span>
                );
              })}
            </Flex>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Service({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const scheduleText = useScheduleText();
  const level = contract.service_level;
  const { callouts } = contract;
  return (
    <Card size="small" title={t('contracts.service')} style={{ marginBottom: 12 }}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={t('contracts.serviceLevel')}>
          <span data-testid="contract-service-level" style={wrap}>
            {level && (level.response_minutes || level.arrival_minutes)
              ? [
                  level.response_minutes ? t('contracts.responseWithin', { minutes: level.response_minutes }) : null,
                  level.arrival_minutes ? t('contracts.arrivalWithin', { minutes: level.arrival_minutes }) : null,
                ]
                  .filter(Boolean)
                  .join(t('contracts.listSeparator'))
              : t('contracts.serviceLevelPolicy')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.callouts')}>
          <span data-testid="contract-callouts" data-remaining={callouts.remaining} style={wrap}>
            {contract.included_callouts === 0
              ? t('contracts.calloutsNone')
              : t('contracts.calloutsFigures', { included: callouts.included, used: callouts.used, remaining: callouts.remaining })}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.contractYear', { from: callouts.year_from, to: callouts.year_to })}
            </Typography.Text>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.schedule')}>
          <span data-testid="contract-schedule" style={wrap}>
            {scheduleText(contract.schedule)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.nextDue')}>
          <span data-testid="contract-next-due">{contract.next_due_on ?? t('contracts.nextDueNone')}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Checklist({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('contracts.checklist')} style={{ marginBottom: 12 }} data-testid="contract-checklist">
      {contract.checklist.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.checklistNone')} />
      ) : (
        <Flex vertical gap={8}>
          {contract.checklist.map((area, i) => (
            <div key={i} data-testid={`contract-checklist-area-${i}`}>
              <Typography.Text strong>{area.area}</Typography.Text>
              <ol style={{ margin: '4px 0 0', paddingInlineStart: 20, ...wrap }}>
                {area.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ol>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Events({ contract }: { contract: Contract }) {
  const { t, tk } = useI18n();
  return (
    <Card size="small" title={t('contracts.events')} style={{ marginBottom: 12 }} data-testid="contract-events">
      {contract.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={4}>
          {contract.events.map((e) => (
            <Flex key={e.id} justify="space-between" gap={8} wrap data-testid={`contract-event-${e.action}`}>
              <span style={wrap}>
                {tk(`event.${e.action}`, e.action)} · {e.actor_name ?? e.actor}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(e.at)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function ContractView({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  return (
    <div style={{ maxWidth: 1000 }} data-testid="contract-page" data-state={contract.state} data-version={contract.version}>
      <Back />
      <PageHeader title={<span data-testid="contract-number">{contract.number}</span>}>
        <Flex gap={4} wrap>
          <ContractStateTag state={contract.state} />
          {contract.renewal_due && !contract.renewed_by && <RenewalDueTag />}
          {contract.free_period && <Tag color="cyan">{t('contracts.freePeriod')}</Tag>}
        </Flex>
      </PageHeader>
      <ContractActions contract={contract} />
      {contract.terminated && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="contract-terminated"
          message={t('contracts.terminatedBy', { name: contract.terminated.by_name ?? contract.terminated.by, time: formatTime(contract.terminated.at) })}
          description={<span style={wrap}>{contract.terminated.reason}</span>}
        />
      )}
      <Card size="small" title={t('contracts.info')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} layout={isMobile ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={t('contracts.customer')}>
            <span data-testid="contract-customer" style={wrap}>
              {contract.customer_name ?? contract.customer_id}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.period')}>
            <span data-testid="contract-period">{periodText(contract)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.price')}>
            <span data-testid="contract-price">{contract.free_period ? t('contracts.freePeriodPrice') : formatFen(contract.price_fen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.outlet')}>{contract.outlet}</Descriptions.Item>
          {contract.activated_at && <Descriptions.Item label={t('contracts.activatedAt')}>{formatTime(contract.activated_at)}</Descriptions.Item>}
          {contract.renewal_of && (
            <Descriptions.Item label={t('contracts.renewalOf')}>
              <Link to={`/contracts/${contract.renewal_of}`} data-testid="contract-renewal-of">
                {t('contracts.openPrevious')}
              </Link>
            </Descriptions.Item>
          )}
          {contract.renewed_by && (
            <Descriptions.Item label={t('contracts.renewedBy')}>
              <Link to={`/contracts/${contract.renewed_by}`} data-testid="contract-renewed-by">
                {t('contracts.openRenewal')}
              </Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Coverage contract={contract} />
      <Service contract={contract} />
      <InspectionsCard contract={contract} />
      <Checklist contract={contract} />
      <Events contract={contract} />
    </div>
  );
}

/** 维护合同: one contract as read, with what the reader may do to it. */
export default function ContractPage() {
  const { t } = useI18n();
  const { contractId } = useParams();
  const query = useContract(contractId);
  if (query.error && !query.data) {
    markShownInPlace(query.error);
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back />
        {missing ? (
          <Alert type="warning" showIcon message={t('contracts.notFound')} data-testid="contract-not-found" />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        )}
      </div>
    );
  }
  if (!query.data) {
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back />
        <Skeleton active />
      </div>
    );
  }
  return <ContractView contract={query.data} />;
}
