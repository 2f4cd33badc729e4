import { useMemo, useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { formatFen } from '../../../utils/money';
import { useDebounced } from '../../../utils/useDebounced';
import { usePartSearch } from '../queries';
import type { Part } from '../types';

interface Props {
  /** The chosen part's code (a Form.Item's value). */
  value?: string | null;
  onChange?: (code: string | null, part: Part | null) => void;
  /** The chosen part as a whole (its name, unit, price), when it is picked. */
  onPick?: (part: Part | null) => void;
  placeholder?: string;
  disabled?: boolean;
  /** Inactive parts are offered too (off by default: they cannot be requested). */
  includeInactive?: boolean;
  autoFocus?: boolean;
  'data-testid'?: string;
  style?: React.CSSProperties;
}

/** How long typing pauses before the catalogue is asked (ms). */
const DEBOUNCE_MS = 250;

/** "code · name · spec · ¥price": what a person recognises a part by. */
export function partLabel(part: Pick<Part, 'code' | 'name'> & Partial<Pick<Part, 'spec' | 'list_price_fen'>>): string {
  return [part.code, part.name, part.spec, part.list_price_fen !== undefined ? formatFen(part.list_price_fen) : null].filter(Boolean).join(' · ');
}

/**
 * A search select over the catalogue (`GET /api/parts?q=`): by code prefix, name prefix or the
 * name's pinyin initials ("qdj" finds 启动机), asked as the user pauses typing. A scanner's code
 * followed by Enter picks the part with that code.
 */
export function PartPicker({ value, onChange, onPick, placeholder, disabled, includeInactive = false, autoFocus, style, ...rest }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), DEBOUNCE_MS);
  // the parts picked so far, so a chosen value keeps its label when the search moves on
  const [known, setKnown] = useState<Record<string, Part>>({});
  const search = usePartSearch(q);
  const found = useMemo(() => (search.data?.items ?? []).filter((p) => includeInactive || p.active), [search.data, includeInactive]);

  const options = useMemo(() => {
    const list = found.map((p) => ({ value: p.code, label: partLabel(p), part: p }));
    if (value && !list.some((o) => o.value === value)) {
      const part = known[value];
      list.unshift({ value, label: part ? partLabel(part) : value, part: part as Part });
    }
    return list;
  }, [found, value, known]);

  return (
    <Select<string>
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t('partPicker.placeholder')}
      disabled={disabled}
      autoFocus={autoFocus}
      filterOption={false}
      onSearch={setTyped}
      searchValue={typed}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid'] ?? 'part-picker'}
      notFoundContent={
        search.isFetching ? (
          <Spin size="small" />
        ) : q ? (
          <Typography.Text type="secondary">{t('partPicker.none')}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('partPicker.hint')}</Typography.Text>
        )
      }
      options={options.map((o) => ({ value: o.value, label: o.label }))}
      optionRender={(option) => <span data-testid={`part-option-${String(option.value)}`}>{option.label}</span>}
      onChange={(code) => {
        const part = options.find((o) => o.value === code)?.part ?? null;
        if (part) setKnown((k) => ({ ...k, [part.code]: part }));
        setTyped('');
        onChange?.(code ?? null, part);
        onPick?.(part);
      }}
    />
  );
}
