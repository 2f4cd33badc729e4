import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { OrderCardProps } from '../../../app/area';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { ContractStateTag } from './ContractTags';

/**
 * The order page's 维护合同 card: the contract the order was created under (its number, state
 * and end), whether its call-out was counted, beyond the included ones, or allowed by the
 * manager, and the contract year's call-outs (included, used, remaining). Nothing without one.
 */
export default function ContractOrderCard({ order }: OrderCardProps) {
  const { t } = useI18n();
  const can = useCan();
  const contract = order.contract;
  if (!contract) return null;
  const { callouts } = contract;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="order-contract-card"
      title={
        <span>
          <FileProtectOutlined /> {t('contracts.cardTitle')}
        </span>
      }
    >
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginBottom: 8 }}>
        {can('contracts.read') ? (
          <Link to={`/contracts/${contract.id}`} data-testid="order-contract-link">
            {contract.number}
          </Link>
        ) : (
          <Typography.Text strong data-testid="order-contract-link">
            {contract.number}
          </Typography.Text>
        )}
        <Flex gap={4} wrap>
          <ContractStateTag state={contract.state} />
          {contract.override ? (
            <Tag color="purple">{t('contract_callout.override')}</Tag>
          ) : contract.exceeded ? (
            <Tag color="orange" data-testid="order-contract-exceeded">
              {t('contract_callout.exceeded')}
            </Tag>
          ) : contract.counted ? (
            <Tag color="blue">{t('contract_callout.included')}</Tag>
          ) : null}
        </Flex>
      </Flex>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('contracts.callouts')}>
          <span data-testid="order-contract-callouts" data-remaining={callouts.remaining} style={{ wordBreak: 'break-word' }}>
            {t('contracts.calloutsFigures', { included: callouts.included, used: callouts.used, remaining: callouts.remaining })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.contractYearLabel')}>
          {callouts.year_from} – {callouts.year_to}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.endsOn')}>{contract.ends_on}</Descriptions.Item>
        {contract.override && (
          <Descriptions.Item label={t('contracts.overrideReason')}>
            <span style={{ wordBreak: 'break-word' }}>{contract.override.reason}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
