import { Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormListFieldData, TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { RECIPIENTS } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { ListTable } from './ListTable';
import { NEW_LEVEL } from './policyForm';

const cell = { style: { margin: 0 } };

/** The escalation levels: a share of the target (warning) or minutes from the due time (breach, escalation). */
export function LevelsTable({ readOnly }: { readOnly: boolean }) {
  const { t, te, tk } = useI18n();
  return (
    <Form.List name="levels">
      {(fields, { add, remove }) => {
        const columns: TableColumnsType<FormListFieldData> = [
          {
            title: t('policy.levelName'),
            key: 'name',
            render: (_, f, i) => (
              <Form.Item
                name={[f.name, 'name']}
                rules={[
                  { required: true, message: t('policy.requiredShort') },
                  { pattern: /^[a-z_0-9]+$/, message: t('policy.levelNamePattern') },
                ]}
                {...cell}
              >
                <Input data-testid={`level-${i}-name`} maxLength={40} style={{ width: 140 }} />
              </Form.Item>
            ),
          },
          {
            title: t('policy.levelLabel'),
            key: 'label',
            render: (_, f) => (
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const name = getFieldValue(['levels', f.name, 'name']) as string | undefined;
                  return <Typography.Text type="secondary">{name ? tk(`level.${name}`, '-') : '-'}</Typography.Text>;
                }}
              </Form.Item>
            ),
          },
          {
            title: t('policy.levelWhen'),
            key: 'mode',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'mode']} {...cell}>
                <Select
                  data-testid={`level-${i}-mode`}
                  style={{ width: 170 }}
                  options={[
                    { value: 'ratio', label: t('policy.modeRatio') },
                    { value: 'offset', label: t('policy.modeOffset') },
                  ]}
                />
              </Form.Item>
            ),
          },
          {
            title: t('policy.levelValue'),
            key: 'value',
            render: (_, f, i) => (
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['levels', f.name, 'mode']) === 'ratio' ? (
                    <Form.Item name={[f.name, 'ratio_pct']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                      <InputNumber data-testid={`level-${i}-ratio`} min={1} max={100} addonAfter="%" style={{ width: 120 }} />
                    </Form.Item>
                  ) : (
                    <Form.Item name={[f.name, 'offset_minutes']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                      <InputNumber data-testid={`level-${i}-offset`} min={-100000} max={100000} precision={0} addonAfter={t('policy.minutesShort')} style={{ width: 150 }} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            ),
          },
          {
            title: t('policy.notify'),
            key: 'notify',
            render: (_, f, i) => (
              <Form.Item name={[f.name, 'notify']} rules={[{ required: true, type: 'array', min: 1, message: t('policy.notifyRequired') }]} {...cell}>
                <Select data-testid={`level-${i}-notify`} mode="multiple" style={{ minWidth: 220 }} options={RECIPIENTS.map((r) => ({ value: r, label: te('recipient', r) }))} />
              </Form.Item>
            ),
          },
        ];
        if (!readOnly) {
          columns.push({
            title: '',
            key: 'ops',
            render: (_, f, i) => (
              <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('policy.remove')} data-testid={`level-${i}-remove`} />
            ),
          });
        }
        return (
          <ListTable
            columns={columns}
            fields={fields}
            rowTestId="level-row"
            readOnly={readOnly}
            addLabel={t('policy.addLevel')}
            addTestId="policy-add-level"
            onAdd={() => add({ ...NEW_LEVEL, notify: [...NEW_LEVEL.notify] })}
          />
        );
      }}
    </Form.List>
  );
}
