import { Button, Form, InputNumber, Select } from 'antd';
import type { FormInstance, FormListFieldData, TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { LEVEL_NAMES, RECIPIENTS, type LevelName } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { ListTable } from './ListTable';
import { NEW_LEVEL, type LevelValues } from './policyForm';

const cell = { style: { margin: 0 } };

/** The level names the form's levels use, but the one at `except`. */
function usedNames(form: FormInstance, except?: number): Set<string> {
  const levels = (form.getFieldValue('levels') ?? []) as Partial<LevelValues>[];
  return new Set(levels.filter((_, i) => i !== except).map((l) => l?.name ?? '').filter(Boolean));
}

/**
 * The escalation levels: a share of the target (warning) or minutes from the due time (breach,
 * escalation). A level is chosen from the list the server names (each once), never typed.
 */
export function LevelsTable({ readOnly }: { readOnly: boolean }) {
  const { t, te } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.List name="levels">
      {(fields, { add, remove }) => {
        const columns: TableColumnsType<FormListFieldData> = [
          {
            title: t('policy.levelName'),
            key: 'name',
            render: (_, f, i) => (
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const taken = usedNames(form, f.name);
                  return (
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[
                        { required: true, message: t('policy.requiredShort') },
                        { validator: async (_, v: string) => (v && usedNames(form, f.name).has(v) ? Promise.reject(new Error(t('policy.levelDuplicate'))) : undefined) },
                      ]}
                      {...cell}
                    >
                      <Select<LevelName>
                        data-testid={`level-${i}-name`}
                        style={{ width: 140 }}
                        options={LEVEL_NAMES.map((n) => ({ value: n, label: te('level', n), disabled: taken.has(n) }))}
                      />
                    </Form.Item>
                  );
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
            // one row per level name (warning, breach, escalation): none left once all are used
            addDisabled={fields.length >= LEVEL_NAMES.length}
            onAdd={() => {
              const taken = usedNames(form);
              add({ ...NEW_LEVEL, name: LEVEL_NAMES.find((n) => !taken.has(n)) ?? '', notify: [...NEW_LEVEL.notify] });
            }}
          />
        );
      }}
    </Form.List>
  );
}
