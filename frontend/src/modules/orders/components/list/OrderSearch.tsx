import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { useI18n } from '../../../../i18n';

interface Props {
  /** The current search (`q`), shown in the box. */
  q?: string;
  /** Enter or the search button: the text to search for; undefined clears the search. */
  onSearch: (q: string | undefined) => void;
}

/**
 * One box for the beginning of an order number (SZ-202611…) or of a customer's name or phone:
 * Enter searches (the server tells which it is), clearing the box shows the list again.
 */
export function OrderSearch({ q, onSearch }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(q ?? '');

  useEffect(() => setText(q ?? ''), [q]);

  return (
    <Input.Search
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '' && q) onSearch(undefined); // the clear icon
      }}
      onSearch={(value) => onSearch(value.trim() || undefined)}
      placeholder={t('list.searchPlaceholder')}
      allowClear
      maxLength={100}
      enterButton
      style={{ width: '100%', maxWidth: 320 }}
      data-testid="order-search"
    />
  );
}
