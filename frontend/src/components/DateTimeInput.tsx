import { DatePicker, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIsMobile } from '../utils/useIsMobile';

interface Props {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  /** Date and time (default) or the date alone. */
  withTime?: boolean;
  'data-testid'?: string;
}

const NATIVE_FORMAT = { time: 'YYYY-MM-DDTHH:mm', date: 'YYYY-MM-DD' };

/**
 * A date(-time) field for antd forms. Phones get the browser's own picker: antd's panel with
 * its time columns is wider than a 375 px screen.
 */
export function DateTimeInput({ value, onChange, withTime = true, 'data-testid': testId }: Props) {
  const isMobile = useIsMobile();
  if (isMobile) {
    const format = withTime ? NATIVE_FORMAT.time : NATIVE_FORMAT.date;
    return (
      <Input
        type={withTime ? 'datetime-local' : 'date'}
        value={value ? value.format(format) : ''}
        onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value, format) : null)}
        data-testid={testId}
      />
    );
  }
  return (
    <DatePicker
      value={value ?? null}
      onChange={(next) => onChange?.(next)}
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
