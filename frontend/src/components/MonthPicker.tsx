import type { CSSProperties } from 'react';
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { monthOf, monthStart } from '../utils/month';

interface Common {
  /** The latest month that may be picked (`YYYY-MM`, included); none: any. */
  max?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  style?: CSSProperties;
  inputReadOnly?: boolean;
}

const disabledAfter = (max: string | undefined) => (max ? (day: Dayjs) => monthOf(day) > max : undefined);

/** A month (`YYYY-MM`, as the API names months) picked in antd's month panel; never empty. */
export function MonthPicker({ value, onChange, max, ...rest }: Common & { value: string; onChange: (month: string) => void }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={monthStart(value)}
      disabledDate={disabledAfter(max)}
      onChange={(day) => day && onChange(monthOf(day))}
      {...rest}
    />
  );
}

/** A range of months, both included (`YYYY-MM`); never empty. */
export function MonthRangePicker({ value: [from, to], onChange, max, ...rest }: Common & { value: [string, string]; onChange: (from: string, to: string) => void }) {
  return (
    <DatePicker.RangePicker
      picker="month"
      allowClear={false}
      value={[monthStart(from), monthStart(to)]}
      disabledDate={disabledAfter(max)}
      onChange={(days) => {
        const [a, b] = days ?? [];
        if (a && b) onChange(monthOf(a), monthOf(b));
      }}
      {...rest}
    />
  );
}
