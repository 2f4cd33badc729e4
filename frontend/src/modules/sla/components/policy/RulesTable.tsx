import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormListFieldData, TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { BASES, CLOCK_NAMES, ORDER_TYPES, PRIORITIES, TARGET_UNITS } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { ListTable } from './ListTable';
import { NEW_RULE } from './policyForm';

const cell = { style: { margin: 0 } };

/** The rules of a policy as an editable table: first match wins, so the order matters. */
export function RulesTable({ readOnly }: { readOnly: boolean }) {
  const { t, te } = useI18n();
  const any = { value: '', label: t('policy.any') };
  return (
    <Form.List name="rules">
      {(fields, { add, remove, move }) => {
        const columns: TableColumnsType<FormListFieldData> = [
          { title: '#', key: 'index', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('policy.clock'),
            key: 'clock',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'clock']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                <Select data-testid={`rule-${i}-clock`} style={{ width: 120 }} options={CLOCK_NAMES.map((c) => ({ value: c, label: te('clock', c) }))} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.priority'),
            key: 'priority',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'priority']} {...cell}>
                <Select data-testid={`rule-${i}-priority`} style={{ width: 90 }} options={[any, ...PRIORITIES.map((p) => ({ value: p, label: te('priority', p) }))]} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.type'),
            key: 'type',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'type']} {...cell}>
                <Select data-testid={`rule-${i}-type`} style={{ width: 110 }} options={[any, ...ORDER_TYPES.map((v) => ({ value: v, label: te('type', v) }))]} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.maxDistance'),
            key: 'max_distance_km',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'max_distance_km']} {...cell}>
                <InputNumber data-testid={`rule-${i}-max_distance_km`} min={0} placeholder={t('policy.any')} style={{ width: 100 }} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.amount'),
            key: 'amount',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                <InputNumber data-testid={`rule-${i}-amount`} min={0} max={10000} style={{ width: 90 }} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.unit'),
            key: 'unit',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'unit']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                <Select data-testid={`rule-${i}-unit`} style={{ width: 130 }} options={TARGET_UNITS.map((u) => ({ value: u, label: te('unitName', u) }))} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.basis'),
            key: 'basis',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'basis']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                <Select data-testid={`rule-${i}-basis`} style={{ width: 140 }} options={BASES.map((b) => ({ value: b, label: te('basis', b) }))} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.cap'),
            key: 'cap_working_days',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'cap_working_days']} {...cell}>
                <InputNumber data-testid={`rule-${i}-cap_working_days`} min={0} placeholder="-" style={{ width: 90 }} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.note'),
            key: 'note',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'note']} {...cell}>
                <Input data-testid={`rule-${i}-note`} maxLength={200} style={{ width: 240 }} />
              </Form.Item>
            ),
          },
        ];
        if (!readOnly) {
          columns.push({
            title: '',
            key: 'ops',
            fixed: 'right',
            render: (_, f, i) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('policy.moveUp')} data-testid={`rule-${i}-up`} />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === fields.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={t('policy.moveDown')}
                  data-testid={`rule-${i}-down`}
                />
                <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('policy.remove')} data-testid={`rule-${i}-remove`} />
              </Space>
            ),
          });
        }
        return (
          <ListTable
            columns={columns}
            fields={fields}
            rowTestId="rule-row"
            readOnly={readOnly}
            addLabel={t('policy.addRule')}
            addTestId="policy-add-rule"
            onAdd={() => add({ ...NEW_RULE })}
          />
        );
      }}
    </Form.List>
  );
}
