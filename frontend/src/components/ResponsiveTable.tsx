import type { HTMLAttributes, Key, ReactNode } from 'react';
import { Empty, List, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useIsMobile } from '../utils/useIsMobile';

/** Table pagination only once there are more rows than one page. */
export const pagedOver = (rows: number, pageSize: number): TableProps['pagination'] =>
  rows > pageSize ? { pageSize, showSizeChanger: false } : false;

interface CardListProps<T> {
  items: T[];
  rowKey: (keyof T & string) | ((item: T) => Key);
  loading: boolean;
  /** What an empty list says; antd's default when left out. */
  empty?: ReactNode;
  renderCard: (item: T) => ReactNode;
}

/** Rows as a column of cards, for phones. */
export function CardList<T>({ items, rowKey, loading, empty, renderCard }: CardListProps<T>) {
  return (
    <List
      loading={loading}
      dataSource={items}
      rowKey={rowKey}
      locale={empty === undefined ? undefined : { emptyText: <Empty description={empty} /> }}
      renderItem={(item) => <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>{renderCard(item)}</List.Item>}
    />
  );
}

interface Props<T> extends CardListProps<T> {
  columns: TableColumnsType<T>;
  size?: TableProps<T>['size'];
  pagination?: TableProps<T>['pagination'];
  /** Attributes of a table row (data-testid and the like; the cards set their own). */
  onRow?: (item: T) => HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>;
}

/** The same rows as cards on a phone and as a table elsewhere. */
export function ResponsiveTable<T extends object>({ columns, size, pagination = false, onRow, ...list }: Props<T>) {
  const isMobile = useIsMobile();
  if (isMobile) return <CardList {...list} />;
  const { items, rowKey, loading, empty } = list;
  return (
    <Table<T>
      rowKey={rowKey}
      size={size}
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={empty === undefined ? undefined : { emptyText: <Empty description={empty} /> }}
      onRow={onRow ? (item) => onRow(item) as HTMLAttributes<HTMLElement> : undefined}
    />
  );
}
