import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { formSheet } from '../../../components/formSheet';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useFormErrorHandler } from '../../../utils/errors';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useChangeStars } from '../queries';
import { LIMITS, STAR_LEVELS, STAR_REFERENCES, type StarReferenceKind, type TechnicianFile } from '../types';
import { Stars } from './Stars';

interface Values {
  to: number;
  reference: { kind: StarReferenceKind; ref: string };
  reason: string;
}

/**
 * 调整星级: the new level, what it rests on (an exam or an appraisal, with its reference) and
 * why. Checked against the version of the file the manager is looking at: if someone changed it
 * meanwhile, the file is read again and the manager submits once more.
 */
export function StarChangeModal({ file, onClose, onStale }: { file: TechnicianFile; onClose: () => void; onStale: () => void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const change = useChangeStars(file.username);

  const submit = async (v: Values) => {
    try {
      await change.mutateAsync({
        to: v.to,
        reference: { kind: v.reference.kind, ref: v.reference.ref.trim() },
        reason: v.reason.trim(),
        version: file.version,
      });
      message.success(t('tech.starsChanged'));
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        void message.warning(t('tech.stale'));
        onStale();
        return;
      }
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('tech.changeStarsTitle', { name: file.name })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      okButtonProps={{ 'data-testid': 'stars-submit' } as ButtonProps}
      {...formSheet(isMobile, 520, 'stars-modal')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ reference: { kind: 'exam' } }} onFinish={(v) => void submit(v)}>
        <Form.Item label={t('tech.currentStars')}>
          <Stars level={file.star_level} testId="stars-current" />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('tech.newStars')}
          rules={[
            { required: true, message: t('common.required', { label: t('tech.newStars') }) },
            { validator: (_, value) => (value && value === file.star_level ? Promise.reject(new Error(t('tech.sameStars'))) : Promise.resolve()) },
          ]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="stars-to"
            options={STAR_LEVELS.map((n) => ({ value: n, disabled: n === file.star_level, label: <span data-testid={`stars-to-${n}`}>{t('tech.starsN', { n })}</span> }))}
          />
        </Form.Item>
        <Form.Item name={['reference', 'kind']} label={t('tech.referenceKind')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="stars-reference-kind"
            options={STAR_REFERENCES.map((k) => ({ value: k, label: <span data-testid={`stars-reference-${k}`}>{tk(`star_reference.${k}`, k)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          name={['reference', 'ref']}
          label={t('tech.referenceRef')}
          extra={<Typography.Text type="secondary">{t('tech.referenceHint')}</Typography.Text>}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tech.referenceRef') }) }]}
        >
          <Input maxLength={LIMITS.ref} data-testid="stars-reference-ref" />
        </Form.Item>
        <Form.Item name="reason" label={t('tech.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tech.reason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.reason} data-testid="stars-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
