import { useEffect, useMemo, useRef, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';
import { useCustomerSearch } from '../queries';

interface Option {
  value: string;
  label: string;
  id: string;
}

interface Props {
  /** The chosen customer id (antd Form control protocol). */
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** How to show the chosen customer (e.g. after creating one). */
  selectedLabel?: string;
  status?: 'error';
}

/** Remote search of the outlet's customers by name or phone prefix. */
export function CustomerPicker({ value, onChange, selectedLabel, status }: Props) {
  const t = useT();
  const [text, setText] = useState(selectedLabel ?? '');
  // What was typed (not what a pick put in the box): the search follows it.
  const [typed, setTyped] = useState('');
  const matches = useCustomerSearch(typed, undefined);
  const options = useMemo<Option[]>(
    () =>
      matches.map((c) => {
        const label = `${c.name} · ${c.phone}`;
        return { value: label, label, id: c.id };
      }),
    [matches],
  );
  const picked = useRef(selectedLabel);

  useEffect(() => {
    picked.current = selectedLabel;
    if (selectedLabel !== undefined) setText(selectedLabel);
  }, [selectedLabel]);

  const onTextChange = (next: string) => {
    setText(next);
    // Editing the text after a pick means the pick no longer holds.
    if (value && next !== picked.current) onChange?.(undefined);
  };

  return (
    <AutoComplete<string, Option>
      value={text}
      options={options}
      onSearch={setTyped}
      onChange={onTextChange}
      onSelect={(label, option) => {
        picked.current = label;
        onChange?.(option.id);
      }}
      style={{ width: '100%' }}
    >
      <Input prefix={<SearchOutlined />} placeholder={t('new.customerSearch')} allowClear status={status} data-testid="customer-search" />
    </AutoComplete>
  );
}
