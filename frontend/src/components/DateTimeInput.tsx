import { DatePicker, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIsMobile } from '../utils/useIsMobile';

interface Props {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  /** Date and time (default) or the date alone. */
  withTime?: boolean;
  /** The field's id as Form.Item gives it: its label points at it, `form.scrollToField` finds it. */
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
  'aria-label'?: string;
  'data-testid'?: string;
}

const NATIVE_FORMAT = { time: 'YYYY-MM-DDTHH:mm', date: 'YYYY-MM-DD' };

/** The aria-* props as given (Form.Item's: the help it is described by, invalid, required). */
function ariaOf(props: Props) {
  return Object.fromEntries(Object.entries(props).filter(([k, v]) => k.startsWith('aria-') && v !== undefined));
}

/**
 * A date(-time) field for antd forms. Phones get the browser's own picker: antd's panel with
 * its time columns is wider than a 375 px screen. The id and aria-* props Form.Item passes go
 * to the input.
 */
export function DateTimeInput(props: Props) {
  const { value, onChange, withTime = true, id, 'data-testid': testId } = props;
  const isMobile = useIsMobile();
  const aria = ariaOf(props);
  if (isMobile) {
    const format = withTime ? NATIVE_FORMAT.time : NATIVE_FORMAT.date;
    return (
      <Input
        id={id}
        {...aria}
        type={withTime ? 'datetime-local' : 'date'}
        value={value ? value.format(format) : ''}
        onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value, format) : null)}
        data-testid={testId}
      />
    );
  }
  return (
    <DatePicker
      id={id}
      {...aria}
      value={value ?? null}
      onChange={(next) => onChange?.(next)}
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
