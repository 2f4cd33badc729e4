import { useMemo, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { Button, Checkbox, Empty, Flex, Grid, List, Popover, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useIsMobile } from '../utils/useIsMobile';
import { ErrorState } from './ErrorState';
import type { CursorList } from '../utils/useCursorList';

/*
 * The lists of the SPA, one behaviour everywhere:
 * - loading: a skeleton until the first answer; a failed load: ErrorState with a retry (never
 *   "no data"); a failed refresh or next page: the rows stay under a banner with the retry;
 *   `empty` only for an answer with no rows.
 * - long text never breaks a row: every cell is one line, cut with an ellipsis, the whole text
 *   in a tooltip (a column can say `ellipsis: false` to keep its own layout). The table is laid
 *   out at the container's width (fixed layout); it scrolls sideways only when the visible
 *   columns' widths cannot fit (a column without a width counts as FLEX_MIN). Secondary columns
 *   use antd's `responsive` to leave narrow screens.
 * - with a `tableId`, the user can hide columns (the column-settings popover); the choice is
 *   kept in localStorage per table. A column without a `key` or without a title (an actions
 *   column: label its header with `onHeaderCell` aria-label) cannot be hidden. A column that
 *   `responsive` leaves out at the current width is offered disabled.
 * - on a phone the same rows are cards.
 */

/** Table pagination only once there are more rows than one page. */
export const pagedOver = (rows: number, pageSize: number): TableProps['pagination'] =>
  rows > pageSize ? { pageSize, showSizeChanger: false } : false;

/** The least a column without a width gets before the table scrolls sideways. */
const FLEX_MIN = 100;

interface CardListProps<T> {
  items: T[];
  rowKey: (keyof T & string) | ((item: T) => Key);
  loading: boolean;
  /** What an empty list says; antd's default when left out. */
  empty?: ReactNode;
  renderCard: (item: T) => ReactNode;
  /** The load failed: shown with a retry instead of the rows (or above them, when there are some). */
  error?: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

function Loading() {
  return (
    <div data-testid="list-loading">
      <Skeleton active title={false} paragraph={{ rows: 5 }} />
    </div>
  );
}

/** The failure, in place of the rows (none yet) or above them. */
function Failure({ error, onRetry, retrying, hasRows }: { error: unknown; onRetry?: () => void; retrying?: boolean; hasRows: boolean }) {
  return <ErrorState error={error} onRetry={onRetry} retrying={retrying} compact={hasRows} stale={hasRows} />;
}

/** A list read page by page (useCursorList) as the table's or cards' props: its rows, loading,
 * failure and retry. */
export function listState<T>(list: Pick<CursorList<T>, 'items' | 'loading' | 'error' | 'retry' | 'retrying'>) {
  return { items: list.items, loading: list.loading, error: list.error, onRetry: list.retry, retrying: list.retrying };
}

/** Rows as a column of cards, for phones. */
export function CardList<T>({ items, rowKey, loading, empty, renderCard, error, onRetry, retrying }: CardListProps<T>) {
  if (error && items.length === 0) return <Failure error={error} onRetry={onRetry} retrying={retrying} hasRows={false} />;
  if (loading && items.length === 0) return <Loading />;
  return (
    <>
      {Boolean(error) && <Failure error={error} onRetry={onRetry} retrying={retrying} hasRows />}
      <List
        dataSource={items}
        rowKey={rowKey}
        locale={empty === undefined ? undefined : { emptyText: <Empty description={empty} /> }}
        renderItem={(item) => <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>{renderCard(item)}</List.Item>}
      />
    </>
  );
}

interface Props<T> extends CardListProps<T> {
  columns: TableColumnsType<T>;
  size?: TableProps<T>['size'];
  pagination?: TableProps<T>['pagination'];
  /** Attributes of a table row (data-testid and the like; the cards set their own). */
  onRow?: (item: T) => HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>;
  /** Names the table for the user's column choice (kept in localStorage); no choice without it. */
  tableId?: string;
  testId?: string;
}

type Column<T> = ColumnType<T>;

const columnId = <T,>(column: TableColumnsType<T>[number]): string | null =>
  column.key !== undefined ? String(column.key) : null;

/** The id of a column the user may hide: one with a key and a title to name it by. */
const hideableId = <T,>(column: TableColumnsType<T>[number]): string | null => {
  const { title } = column;
  return title === undefined || title === null || title === '' ? null : columnId(column);
};

type Screens = ReturnType<typeof Grid.useBreakpoint>;

/** The column is laid out at the current width (`responsive` does not leave it out). */
const fitsWidth = <T,>(column: TableColumnsType<T>[number], screens: Screens): boolean =>
  !column.responsive || column.responsive.some((breakpoint) => screens[breakpoint]);

const STORAGE = (tableId: string) => `fuwu.columns.${tableId}`;

function readHidden(tableId: string | undefined): string[] {
  if (!tableId) return [];
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE(tableId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The columns the user hid from a table, remembered per table in this browser. */
function useHiddenColumns(tableId: string | undefined): [string[], (hidden: string[]) => void] {
  const [hidden, setHidden] = useState(() => readHidden(tableId));
  const save = (next: string[]) => {
    setHidden(next);
    if (!tableId) return;
    if (next.length === 0) localStorage.removeItem(STORAGE(tableId));
    else localStorage.setItem(STORAGE(tableId), JSON.stringify(next));
  };
  return [hidden, save];
}

/** One line of text: cut with an ellipsis when it does not fit, the whole in a tooltip then. */
export function CellText({ text }: { text: string }) {
  return (
    <Typography.Text ellipsis={{ tooltip: { title: text, placement: 'topLeft' } }} style={{ maxWidth: '100%' }} data-testid="cell-text">
      {text}
    </Typography.Text>
  );
}

/** A column that keeps its row to one line: text cut with an ellipsis and a tooltip. */
function oneLine<T>(column: Column<T>): Column<T> {
  if (column.ellipsis === false) return column;
  const { render } = column;
  return {
    ...column,
    ellipsis: { showTitle: false },
    render: (value: unknown, record: T, index: number) => {
      const content = render ? render(value, record, index) : (value as ReactNode);
      return typeof content === 'string' || typeof content === 'number' ? <CellText text={String(content)} /> : content;
    },
  };
}

/** The column-settings popover: a checkbox per column that can be hidden (disabled for one the
 * current width leaves out anyway). */
function ColumnSettings<T>({ columns, hidden, onChange, screens }: { columns: TableColumnsType<T>; hidden: string[]; onChange: (hidden: string[]) => void; screens: Screens }) {
  const { t } = useI18n();
  const choices = columns.flatMap((column) => {
    const id = hideableId(column);
    return id === null ? [] : [{ id, title: column.title as ReactNode, fits: fitsWidth(column, screens) }];
  });
  // the columns on screen now, whatever the user chooses for the others
  const onScreen = columns.filter((column) => fitsWidth(column, screens) && !hidden.includes(hideableId(column) ?? ''));
  const content = (
    <Flex vertical gap={6} data-testid="columns-popover" style={{ minWidth: 180 }}>
      <Typography.Text type="secondary">{t('table.columnsHint')}</Typography.Text>
      {choices.map((choice) => {
        const visible = !hidden.includes(choice.id);
        const box = (
          <Checkbox
            key={choice.id}
            checked={visible && choice.fits}
            // the last visible column stays; one the width leaves out cannot be shown here
            disabled={!choice.fits || (visible && onScreen.length === 1)}
            onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== choice.id) : [...hidden, choice.id])}
            data-testid={`column-toggle-${choice.id}`}
          >
            {choice.title}
          </Checkbox>
        );
        return choice.fits ? (
          box
        ) : (
          <Tooltip key={choice.id} title={t('table.narrowHidden')} placement="left">
            {box}
          </Tooltip>
        );
      })}
      <Button size="small" type="link" style={{ alignSelf: 'flex-start', padding: 0 }} disabled={hidden.length === 0} onClick={() => onChange([])} data-testid="columns-reset">
        {t('table.resetColumns')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content}>
      <Button size="small" type="text" icon={<SettingOutlined />} data-testid="columns-button" aria-label={t('table.columns')}>
        {t('table.columns')}
      </Button>
    </Popover>
  );
}

/** The same rows as cards on a phone and as a table elsewhere. */
export function ResponsiveTable<T extends object>({ columns, size, pagination = false, onRow, tableId, testId, ...list }: Props<T>) {
  const isMobile = useIsMobile();
  const screens = Grid.useBreakpoint();
  const [hidden, setHidden] = useHiddenColumns(tableId);
  const shown = useMemo(
    () =>
      columns
        .filter((column) => {
          const id = hideableId(column);
          return id === null || !hidden.includes(id);
        })
        .map((column) => ('children' in column ? column : oneLine(column as Column<T>))),
    [columns, hidden],
  );
  // Fits the container unless the visible columns need more; then it scrolls inside.
  const minWidth = shown
    .filter((column) => fitsWidth(column, screens))
    .reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : FLEX_MIN), 0);

  if (isMobile) return <CardList {...list} />;
  const { items, rowKey, loading, empty, error, onRetry, retrying } = list;
  const settings = tableId ? (
    <Flex justify="flex-end" style={{ marginBottom: 4 }}>
      <ColumnSettings columns={columns} hidden={hidden} onChange={setHidden} screens={screens} />
    </Flex>
  ) : null;
  if (error && items.length === 0) return <Failure error={error} onRetry={onRetry} retrying={retrying} hasRows={false} />;
  if (loading && items.length === 0) return <Loading />;
  return (
    <div data-testid={testId}>
      {Boolean(error) && <Failure error={error} onRetry={onRetry} retrying={retrying} hasRows />}
      {settings}
      <Table<T>
        rowKey={rowKey}
        size={size}
        columns={shown}
        dataSource={items}
        pagination={pagination}
        tableLayout="fixed"
        scroll={{ x: minWidth }}
        locale={empty === undefined ? undefined : { emptyText: <Empty description={empty} /> }}
        onRow={onRow ? (item) => onRow(item) as HTMLAttributes<HTMLElement> : undefined}
      />
    </div>
  );
}
