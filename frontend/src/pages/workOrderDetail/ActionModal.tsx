import { useState } from 'react';
import { Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError, postAction } from '../../api/client';
import type { ActionName, JsonSchema, Staff, WorkOrder, WorkOrderDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { useFormErrorHandler } from '../../utils/errors';
import { useIsMobile } from '../../utils/useIsMobile';
import { initialValues, toData } from './formValues';
import { SchemaField } from './SchemaField';

interface Props {
  order: WorkOrderDetail;
  action: ActionName;
  /** The action's data schema from /api/lifecycle (empty when the action takes no data). */
  schema: JsonSchema;
  technicians: Staff[];
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
  /** 409 stale_version: someone changed the order first. */
  onStale: (current: WorkOrder | undefined) => void;
  /** 403 or 409 invalid_transition: the action is not (or no longer) possible; the message was shown. */
  onRefused: () => void;
}

/** The form of one lifecycle action, built from its JSON Schema; full width on phones. */
export function ActionModal({ order, action, schema, technicians, onClose, onDone, onStale, onRefused }: Props) {
  const { t, te } = useI18n();
  const isMobile = useIsMobile();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [initial] = useState(() => initialValues(schema, order));
  const required = new Set(schema.required ?? []);

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return; // the form shows what is missing
    }
    setSubmitting(true);
    try {
      onDone(await postAction(order.id, action, { version: order.version, data: toData(values, schema) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') {
        onStale(err.current);
        return;
      }
      handleError(form, err, 'data');
      if (err instanceof ApiError && (err.status === 403 || err.code === 'invalid_transition')) onRefused();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={te('action', action)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'action-submit', danger: action === 'cancel' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'action-dismiss' } as ButtonProps}
      destroyOnHidden
      maskClosable={false}
      width={isMobile ? '100%' : 640}
      style={isMobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      data-testid={`action-modal-${action}`}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={() => void submit()}>
        {Object.entries(schema.properties ?? {}).map(([key, prop]) => (
          <SchemaField key={key} name={[key]} fieldKey={key} schema={prop} required={required.has(key)} technicians={technicians} />
        ))}
      </Form>
    </Modal>
  );
}
