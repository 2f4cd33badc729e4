import type { HTMLAttributes } from 'react';
import { Button, Table } from 'antd';
import type { FormListFieldData, TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';

interface Props {
  columns: TableColumnsType<FormListFieldData>;
  fields: FormListFieldData[];
  /** Row test ids are `<rowTestId>-<index>`. */
  rowTestId: string;
  readOnly: boolean;
  addLabel: string;
  addTestId: string;
  onAdd: () => void;
  /** Nothing more can be added (e.g. every level name is used). */
  addDisabled?: boolean;
}

/** The rows of a Form.List as a table, with an "add" button below when editable. */
export function ListTable({ columns, fields, rowTestId, readOnly, addLabel, addTestId, onAdd, addDisabled = false }: Props) {
  return (
    <>
      <Table<FormListFieldData>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={fields}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(_, index) => ({ 'data-testid': `${rowTestId}-${index}` }) as HTMLAttributes<HTMLElement>}
      />
      {!readOnly && (
        <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid={addTestId} onClick={onAdd} disabled={addDisabled}>
          {addLabel}
        </Button>
      )}
    </>
  );
}
