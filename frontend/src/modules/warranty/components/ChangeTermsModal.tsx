import { useEffect } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { useChangeTerms } from '../queries';
import type { UnitDetail } from '../types';

interface Values {
  months: Record<string, number>;
  reason: string;
}

interface Props {
  unit: UnitDetail;
  open: boolean;
  onClose: () => void;
}

/**
 * 延长三包: a manager or head office changes the months of a unit's groups (a promotion), with a
 * reason; audited on the unit. Sent with the version shown: a change meanwhile is a 409, after
 * which the unit is read again and shown here as it is now.
 */
export function ChangeTermsModal({ unit, open, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeTerms();
  const handleError = useFormErrorHandler();
  const groups = unit.terms_view?.groups ?? unit.terms?.groups ?? [];
  const stale = change.error instanceof ApiError && change.error.status === 409;

  // The unit as read last (again after a 409): its months are the starting point.
  useEffect(() => {
    if (open) form.setFieldsValue({ months: Object.fromEntries(groups.map((g) => [g.code, g.months])) });
  }, [open, unit.version, form]);

  const onFinish = async (values: Values) => {
    try {
      await change.mutateAsync({
        customerId: unit.customer_id,
        unitId: unit.id,
        body: { version: unit.version, groups: groups.map((g) => ({ code: g.code, months: values.months[g.code] })), reason: values.reason.trim() },
      });
      message.success(t('unitInfo.termsChanged'));
      form.resetFields(['reason']);
      change.reset();
      onClose();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) handleError(form, err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('unitInfo.changeTerms')}
      onCancel={() => {
        change.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('unitInfo.changeTermsOk')}
      okButtonProps={{ loading: change.isPending, 'data-testid': 'terms-submit' } as ButtonProps}
      destroyOnHidden
    >
      {stale && <Alert type="warning" showIcon data-testid="terms-stale" message={t('unitInfo.termsStale')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="terms-form">
        {groups.map((g) => (
          <Form.Item
            key={g.code}
            name={['months', g.code]}
            label={t('unitInfo.groupMonths', { name: g.name })}
            extra={t('unitInfo.notShorter', { months: g.months })}
            rules={[{ required: true, message: t('common.required', { label: g.name }) }]}
          >
            <InputNumber data-testid={`terms-months-${g.code}`} min={g.months} max={240} precision={0} addonAfter={t('unitInfo.monthsUnit')} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Form.Item name="reason" label={t('unitInfo.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('unitInfo.reason') }) }]}>
          <Input.TextArea data-testid="terms-reason" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
