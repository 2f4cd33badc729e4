import { useEffect, useMemo, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { useI18n } from '../../../../i18n';
import { useCustomerSearch } from '../../../customers/queries';

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
  const [text, setText] = useState(number ?? '');
  // What was typed (not what a pick put in the box): an order number, or the start of a customer's name or phone.
  const [typed, setTyped] = useState('');
  const asNumber = typed.trim().toUpperCase();
  const isNumber = ORDER_NUMBER.test(asNumber);
  const customers = useCustomerSearch(typed, outlet, customersAllowed && !isNumber);
  const options = useMemo<Option[]>(() => {
    if (isNumber) return [{ value: asNumber, label: t('list.searchNumber', { number: asNumber }), kind: 'number', id: asNumber, name: asNumber }];
    return customers.map((c) => {
      const label = `${c.name} · ${c.phone}`;
      return { value: label, label, kind: 'customer', id: c.id, name: c.name };
    });
  }, [isNumber, asNumber, customers, t]);

  useEffect(() => setText(number ?? ''), [number]);

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
      onSearch={setTyped}
      onSelect={onSelect}
      style={{ width: '100%', maxWidth: 320 }}
      popupMatchSelectWidth={false}
    >
      <Input.Search placeholder={t('list.searchPlaceholder')} allowClear onSearch={onEnter} data-testid="order-search" />
    </AutoComplete>
  );
}
