import { Select } from 'antd';
import { useI18n } from '../../../i18n';
import { useJobClassNames } from '../policyQueries';

interface Props {
  /** One class (the order's) or several (`multiple`: a plan's). A Form control. */
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  id?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * A job class (or several) of head office's table, each with what it needs ("4★ · 电工证"): the
 * intake form's 工种, the dispatch form's correction, a plan's 工种. A code the table no longer
 * has is shown as its code.
 */
export function JobClassSelect({ value, onChange, multiple = false, id, disabled, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const names = useJobClassNames();
  const classes = names.table?.job_classes ?? [];
  const options = classes.map((c) => {
    const needs = [`${c.min_stars}★`, ...c.certificates.map(names.certificate)].join(' · ');
    return { value: c.code, label: names.jobClass(c.code), needs };
  });
  return (
    <Select
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      disabled={disabled}
      loading={!names.table}
      placeholder={t('jobClasses.selectPlaceholder')}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? (multiple ? [] : undefined))}
      optionFilterProp="label"
      options={options}
      optionRender={(option) => (
        <span>
          {option.data.label} <span style={{ color: 'rgba(0,0,0,0.45)' }}>· {option.data.needs}</span>
        </span>
      )}
    />
  );
}
