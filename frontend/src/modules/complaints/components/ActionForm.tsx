import type { ReactNode } from 'react';
import { App, Button, Form } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useFormErrorHandler, useShowError } from '../../../utils/errors';
import { refetchComplaint, useComplaintAction } from '../queries';
import type { Complaint, ComplaintActionName, ComplaintStep } from '../types';

/** A step form's values, as its fields name them (each form reads its own in `toData`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyValues = any;

interface Props {
  complaint: Complaint;
  action: ComplaintActionName;
  /** The form's fields (given the form, for fields that depend on others). */
  children?: (form: FormInstance) => ReactNode;
  initialValues?: Record<string, unknown>;
  /** The action's `data` from the form's values. */
  toData?: (values: AnyValues) => Record<string, unknown> | null;
  /** The submit button's text; the action's name by default. */
  submitLabel?: string;
  danger?: boolean;
  /** Closing was refused: these steps are missing. */
  onIncomplete?: (steps: ComplaintStep[]) => void;
}

/**
 * The form of one step of the process: sends `{version, data}` with the version on the page.
 * A stale version reloads the complaint (and says so); a refused close names the missing steps;
 * a 400 puts its messages on the fields.
 */
export function ActionForm({ complaint, action, children, initialValues, toData, submitLabel, danger, onIncomplete }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const act = useComplaintAction(complaint.id);
  const handleError = useFormErrorHandler();
  const showError = useShowError();
  const reload = () => refetchComplaint(client, complaint.id).catch(showError);

  const onFinish = async (values: AnyValues) => {
    const body = toData ? toData(values) : {};
    if (body === null) return; // the form has said what is wrong
    try {
      await act.mutateAsync({ action, version: complaint.version, body });
      message.success(t('complaints.done', { action: t(`complaint_action.${action}`) }));
    } catch (err) {
      if (isStaleVersion(err)) {
        message.warning(t('complaints.stale'));
        void reload();
      } else if (err instanceof ApiError && err.status === 409 && err.code === 'complaint_incomplete') {
        onIncomplete?.(Object.keys(err.fields) as ComplaintStep[]);
        void reload();
      } else if (err instanceof ApiError && err.status === 400) {
        handleError(form, err, 'data');
      } else {
        showError(err);
        if (err instanceof ApiError && (err.status === 403 || err.status === 409)) void reload();
      }
    }
  };

  return (
    <div data-testid={`complaint-form-${action}`} style={{ marginTop: 8 }}>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onFinish(v)}>
        {children?.(form)}
        <Button type={danger ? 'default' : 'primary'} danger={danger} htmlType="submit" loading={act.isPending} data-testid={`complaint-submit-${action}`}>
          {submitLabel ?? t(`complaint_action.${action}`)}
        </Button>
      </Form>
    </div>
  );
}
