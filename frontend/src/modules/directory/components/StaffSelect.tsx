import { Select } from 'antd';
import { useI18n } from '../../../i18n';
import { useOutletStaff } from '../queries';

interface Props {
  /** Whose staff: an outlet's code; undefined: the user's own outlet; null: not known yet. */
  outlet: string | null | undefined;
  value?: string;
  onChange?: (username: string | undefined) => void;
  testId: string;
  disabled?: boolean;
}

/** A person of an outlet (any role), picked by name (typing filters by name or username). */
export function StaffSelect({ outlet, value, onChange, testId, disabled }: Props) {
  const { t, te } = useI18n();
  const { staff, loading } = useOutletStaff(outlet);
  return (
    <Select
      showSearch
      allowClear
      disabled={disabled}
      loading={loading}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      placeholder={t('directory.pickStaff')}
      optionFilterProp="search"
      data-testid={testId}
      style={{ width: '100%' }}
      options={staff.map((s) => ({ value: s.username, label: `${s.name} · ${te('role', s.role)}`, search: `${s.name} ${s.username}` }))}
    />
  );
}
