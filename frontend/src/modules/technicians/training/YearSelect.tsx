import { Select } from 'antd';
import { useI18n } from '../../../i18n';
import { useUrlParams } from '../../../utils/useUrlParams';

const thisYear = () => new Date().getFullYear();

/** The year a training list shows, kept in the URL (`year`; this year by default). */
export function useYearParam(): [number, (year: number) => void] {
  const { params, setParam } = useUrlParams();
  const year = Number(params.get('year')) || thisYear();
  return [year, (y) => setParam('year', String(y))];
}

/** Last year, this year or next. */
export function YearSelect({ value, onChange, testId }: { value: number; onChange: (year: number) => void; testId: string }) {
  const { t } = useI18n();
  const years = [thisYear() - 1, thisYear(), thisYear() + 1];
  if (!years.includes(value)) years.push(value);
  return <Select value={value} onChange={onChange} options={years.map((y) => ({ value: y, label: String(y) }))} aria-label={t('training.year')} data-testid={testId} style={{ width: 100 }} />;
}
