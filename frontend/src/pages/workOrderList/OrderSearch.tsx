import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { searchCustomers } from '../../api/client';
import { useI18n } from '../../i18n';
import { useShowError } from '../../utils/errors';

const ORDER_NUMBER = /^[A-Z]+-\d{8}-\d{4}$/;

interface Props {
  /** The current `number` filter, shown in the box. */
  number?: string;
  /** Outlet to search customers in (head office); undefined = the user's own. */
  outlet?: string;
  /** Whether the user may search customers (otherwise only order numbers work). */
  customersAllowed: boolean;
  onNumber: (number: string | undefined) => void;
  onCustomer: (id: string, name: string) => void;
}

/** `value` is what the box shows once picked; `kind`/`id` say what was picked. */
interface Option {
  value: string;
  label: string;
  kind: 'number' | 'customer';
  id: string;
  name: string;
}

/** One box for an order number (exact) or a customer name/phone (pick from the matches). */
export function OrderSearch({ number, outlet, customersAllowed, onNumber, onCustomer }: Props) {
  const { t } = useI18n();
  const showError = useShowError();
  const [text, setText] = useState(number ?? '');
  const [options, setOptions] = useState<Option[]>([]);
  const timer = useRef<number>();

  useEffect(() => setText(number ?? ''), [number]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onSearch = (value: string) => {
    window.clearTimeout(timer.current);
    const q = value.trim();
    if (ORDER_NUMBER.test(q.toUpperCase())) {
      const upper = q.toUpperCase();
      setOptions([{ value: upper, label: t('list.searchNumber', { number: upper }), kind: 'number', id: upper, name: upper }]);
      return;
    }
    if (!customersAllowed || q.length === 0) {
      setOptions([]);
      return;
    }
    timer.current = window.setTimeout(() => {
      searchCustomers({ q, outlet, limit: 10 })
        .then((page) => {
          setOptions(
            page.items.map((c) => {
              const label = `${c.name} · ${c.phone}`;
              return { value: label, label, kind: 'customer', id: c.id, name: c.name };
            }),
          );
        })
        .catch(showError);
    }, 300);
  };

  const onSelect = (_value: string, option: Option) => {
    if (option.kind === 'number') onNumber(option.id);
    else onCustomer(option.id, option.name);
  };

  const onEnter = (value: string) => {
    const q = value.trim().toUpperCase();
    if (q === '') onNumber(undefined);
    else if (ORDER_NUMBER.test(q)) onNumber(q);
  };

  return (
    <AutoComplete<string, Option>
      value={text}
      options={options}
      onChange={setText}
      onSearch={onSearch}
      onSelect={onSelect}
      style={{ width: '100%', maxWidth: 320 }}
      popupMatchSelectWidth={false}
    >
      <Input.Search placeholder={t('list.searchPlaceholder')} allowClear onSearch={onEnter} data-testid="order-search" />
    </AutoComplete>
  );
}
