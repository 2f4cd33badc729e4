import { Alert, Button } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../i18n';
import { TechnicianPicker } from '../../../dispatch/components/TechnicianPicker';
import { useDispatchCandidates } from '../../../dispatch/queries';
import { useJobClassNames } from '../../../technicians/policyQueries';

interface Props {
  orderId: string;
  /** The technician the repair is handed to with the approval (a Form item's value); empty:
   * the order's technician keeps it. */
  value?: string;
  onChange?: (username: string | undefined) => void;
  /** The id Form.Item gives its control. */
  id?: string;
}

/**
 * 改由…主修: a plan's approval may hand the repair to another technician of the outlet (one the
 * plan's job classes need, say). The dispatch picker, qualified for the order's and the plan's
 * classes; the order's technician shown but not chosen; empty by default and clearable. Says in
 * one line when the plan names classes the current technician lacks.
 */
export function HandOverField({ orderId, value, onChange, id }: Props) {
  const { t } = useI18n();
  const names = useJobClassNames();
  const { data } = useDispatchCandidates(orderId);
  const lead = data?.items.find((c) => c.current);
  // the lead's problems with the plan's classes (`qualified` covers the order's own class too)
  const lacking = data && lead ? lead.problems.filter((p) => data.plan_job_classes.includes(p.job_class)) : [];
  return (
    <>
      {lead && lacking.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="hand-over-hint"
          message={t('detail.handOver.leadLacks', {
            name: lead.name,
            problems: lacking.map((p) => names.problem(p, true)).join(t('common.listSep')),
          })}
        />
      )}
      <TechnicianPicker orderId={orderId} value={value} onChange={onChange} id={id} lockCurrent ariaLabel={t('detail.handOver.label')} />
      {value && (
        <Button type="link" size="small" icon={<CloseOutlined />} style={{ paddingInline: 0, marginTop: 4 }} onClick={() => onChange?.(undefined)} data-testid="hand-over-clear">
          {t('detail.handOver.clear')}
        </Button>
      )}
    </>
  );
}
