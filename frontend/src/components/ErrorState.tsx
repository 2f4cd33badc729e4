import type { ReactNode } from 'react';
import { Alert, Button, Result } from 'antd';
import { CloudServerOutlined, DisconnectOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { errorKind, requestIdOf, useErrorText, markShownInPlace, type ErrorKind } from '../utils/errors';

interface Props {
  /** What failed: an ApiError (or anything thrown by a query). */
  error: unknown;
  /** Loads again (a query's refetch); no button without it. */
  onRetry?: () => void;
  /** The retry is under way. */
  retrying?: boolean;
  /** A banner (above data that is still shown, or beside a field) instead of a block. */
  compact?: boolean;
  /** The data below is what was loaded before (a refresh or the next page failed). */
  stale?: boolean;
  testId?: string;
}

const ICONS: Record<ErrorKind, ReactNode> = {
  network: <DisconnectOutlined />,
  server: <CloudServerOutlined />,
  refused: <StopOutlined />,
};

/**
 * A failed load, said in plain words ("Cannot reach the server", "The server had a problem
 * (reference …)", or the API's own refusal), with a retry. Shown where the data would be, never
 * as an empty list: "no data" would read as an empty outlet.
 */
export function ErrorState({ error, onRetry, retrying = false, compact = false, stale = false, testId = 'error-state' }: Props) {
  const { t } = useI18n();
  const errorText = useErrorText();
  markShownInPlace(error);
  const kind = errorKind(error);
  const id = requestIdOf(error);
  const reference = id ? t('error.reference', { id }) : null;
  const title = kind === 'network' ? t('error.networkTitle') : kind === 'server' ? t('error.serverTitle') : t('error.loadTitle');
  const detail = kind === 'network' ? t('error.networkHint') : kind === 'server' ? t('error.serverHint') : errorText(error);
  const retry = onRetry && (
    <Button icon={<ReloadOutlined />} loading={retrying} onClick={onRetry} data-testid="error-retry" size={compact ? 'small' : 'middle'} type={compact ? 'default' : 'primary'}>
      {t('error.retry')}
    </Button>
  );

  if (compact) {
    return (
      <Alert
        type="warning"
        showIcon
        icon={ICONS[kind]}
        data-testid={testId}
        data-kind={kind}
        style={{ marginBottom: 12 }}
        message={<span data-testid="error-title">{title}</span>}
        description={
          <>
            <div data-testid="error-detail">{stale ? `${detail} ${t('error.stale')}` : detail}</div>
            {reference && <div data-testid="error-reference">{reference}</div>}
          </>
        }
        action={retry}
      />
    );
  }
  return (
    <div role="alert" data-testid={testId} data-kind={kind}>
      <Result
        status={kind === 'refused' ? 'warning' : 'error'}
        icon={<span style={{ fontSize: 48, color: kind === 'refused' ? '#faad14' : '#ff4d4f' }}>{ICONS[kind]}</span>}
        title={<span data-testid="error-title">{title}</span>}
        subTitle={
          <>
            <div data-testid="error-detail">{detail}</div>
            {reference && <div data-testid="error-reference">{reference}</div>}
          </>
        }
        extra={retry}
      />
    </div>
  );
}
