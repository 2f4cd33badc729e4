import { Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { useDialogSubmit } from '../../../utils/errors';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useRevokeCertificate } from '../queries';
import { LIMITS, type CertificateView } from '../types';

/** 注销证书: with the reason; it stops counting at once (and stays listed, marked revoked). */
export function RevokeModal({ username, certificate, onClose, onStale }: { username: string; certificate: CertificateView; onClose: () => void; onStale: () => void }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeCertificate(username);

  const send = useDialogSubmit(form, { onClose, onStale, done: t('tech.revoked'), stale: t('tech.stale') });
  const submit = (v: { reason: string }) => send(() => revoke.mutateAsync({ id: certificate.id, body: { reason: v.reason.trim(), version: certificate.version } }));

  return (
    <Modal
      open
      title={t('tech.revokeTitle', { number: certificate.number })}
      okText={t('tech.revoke')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={revoke.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'revoke-submit' } as ButtonProps}
      {...formSheet(isMobile, 480, 'revoke-modal')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('tech.revokeReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tech.revokeReason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.reason} data-testid="revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
