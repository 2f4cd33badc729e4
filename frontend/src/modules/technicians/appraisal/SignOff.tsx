import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { CheckCircleOutlined, LockOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useShowError } from '../../../utils/errors';
import { ApiError } from '../../../api/client';
import { addMonths } from '../../../utils/month';
import { formatTime } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { formSheet } from '../../../components/formSheet';
import { useSignAppraisal } from './queries';
import type { Appraisal } from './types';

interface Props {
  appraisal: Appraisal;
  /** The outlet as asked (undefined: a manager's own). */
  outlet: string | undefined;
  outletName: string;
  /** Whether the user may sign (a manager of the outlet, head office). */
  maySign: boolean;
  /** Read the month again (someone else signed it, or its figures changed, since it was read). */
  onStale: () => void;
}

/**
 * The month's state: open (computed from the facts each time it is read; 签核 for who may sign,
 * once the month has ended) or signed (frozen: who signed it and when). Signing asks first,
 * naming what it freezes, and sends the version the page shows: someone else's sign-off since
 * is said as such and the month read again.
 */
export function SignOff({ appraisal, outlet, outletName, maySign, onStale }: Props) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const isMobile = useIsMobile();
  const [confirming, setConfirming] = useState(false);
  const sign = useSignAppraisal(outlet);
  const { month } = appraisal;
  const { ended } = appraisal;

  const submit = async () => {
    try {
      await sign.mutateAsync({ outlet: appraisal.outlet, month, version: appraisal.version, digest: appraisal.digest });
      setConfirming(false);
      void message.success(t('appraisal.signed', { month }));
    } catch (err) {
      setConfirming(false);
      // someone signed first, or the figures changed since they were read: read again, sign again
      if (isStaleVersion(err) || (err instanceof ApiError && (err.code === 'appraisal_signed' || err.code === 'appraisal_changed'))) {
        void message.warning(t(err instanceof ApiError && err.code === 'appraisal_signed' ? 'appraisal.signedMeanwhile' : 'appraisal.stale'));
        onStale();
        return;
      }
      showError(err);
      onStale();
    }
  };

  if (appraisal.state === 'signed') {
    return (
      <Alert
        type="success"
        showIcon
        icon={<LockOutlined />}
        data-testid="appraisal-signed"
        data-version={appraisal.version}
        message={
          <Flex wrap gap={8} align="center">
            <Tag color="success" data-testid="appraisal-state" data-state="signed">
              {tk('appraisal_state.signed', 'signed')}
            </Tag>
            <span data-testid="appraisal-signed-by">
              {t('appraisal.signedBy', { name: appraisal.signed_by_name ?? appraisal.signed_by ?? '', time: formatTime(appraisal.signed_at) })}
            </span>
            <Typography.Text type="secondary" data-testid="appraisal-version">
              {t('appraisal.version', { version: appraisal.version })}
            </Typography.Text>
          </Flex>
        }
        description={t('appraisal.signedHint', { month })}
      />
    );
  }

  return (
    <>
      <Alert
        type={ended ? 'warning' : 'info'}
        showIcon
        data-testid="appraisal-open"
        message={
          <Flex wrap gap={8} align="center">
            <Tag color={ended ? 'warning' : 'processing'} data-testid="appraisal-state" data-state="open">
              {ended ? tk('appraisal_state.open', 'open') : t('appraisal.state.running')}
            </Tag>
            <Typography.Text type="secondary" data-testid="appraisal-computed-at">
              {t('appraisal.computedAt', { time: formatTime(appraisal.computed_at) })}
            </Typography.Text>
          </Flex>
        }
        description={ended ? t('appraisal.openHint') : t('appraisal.runningHint')}
        action={
          maySign ? (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={!ended}
              title={!ended ? t('appraisal.notEnded') : undefined}
              onClick={() => setConfirming(true)}
              data-testid="appraisal-sign"
            >
              {t('appraisal.sign')}
            </Button>
          ) : undefined
        }
      />
      <Modal
        open={confirming}
        title={t('appraisal.confirmTitle', { outlet: outletName, month })}
        okText={t('appraisal.confirmOk')}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setConfirming(false)}
        confirmLoading={sign.isPending}
        okButtonProps={{ 'data-testid': 'appraisal-sign-confirm' } as ButtonProps}
        cancelButtonProps={{ 'data-testid': 'appraisal-sign-cancel' } as ButtonProps}
        {...formSheet(isMobile, 480, 'appraisal-sign-modal')}
      >
        <Typography.Paragraph data-testid="appraisal-sign-text">{t('appraisal.confirmText', { month, n: appraisal.rows.length })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('appraisal.confirmLater', { month, next: addMonths(month, 1) })}</Typography.Paragraph>
      </Modal>
    </>
  );
}
