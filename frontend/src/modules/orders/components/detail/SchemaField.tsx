import { Button, Col, Form, Input, InputNumber, Radio, Rate, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { JsonSchema, Staff } from '../../../../api/types';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { useI18n } from '../../../../i18n';
import { fieldLabel } from './format';
import { GeoInput } from './GeoInput';
import { schemaType } from './formValues';

type NamePath = (string | number)[];

interface Props {
  /** Where the value lives in the form (e.g. `['scores', 'overall']`). */
  name: NamePath;
  /** The name the label and the input kind come from (the last named segment). */
  fieldKey: string;
  schema: JsonSchema;
  required: boolean;
  technicians: Staff[];
  /** For items of a Form.List: the name relative to the list row. */
  listName?: NamePath;
}

const testId = (name: NamePath) => `field-${name.join('.')}`;
const isRating = (s: JsonSchema) => schemaType(s) === 'integer' && (s.minimum ?? 0) >= 0 && s.maximum !== undefined && s.maximum <= 5;
/** Plain strings that are a name or a short phrase; the rest are free text. */
const SHORT_TEXT = new Set(['customer_name', 'name']);

/** One form field built from the action's JSON Schema. */
export function SchemaField({ name, fieldKey, schema, required, technicians, listName }: Props) {
  const i18n = useI18n();
  const { t, tk } = i18n;
  const label = fieldLabel(i18n, fieldKey);
  // A schema enum of this field (enum.kind.parts), else a shared enumeration (clock.arrival), else as is.
  const enumLabel = (key: string, v: string | number) => tk(`enum.${key}.${v}`, tk(`${key}.${v}`, String(v)));
  const type = schemaType(schema);
  const formName = listName ?? name;
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: t('common.required', { label }) });
  if (schema.exclusiveMinimum !== undefined) {
    const min = schema.exclusiveMinimum;
    rules.push({ validator: async (_, v: unknown) => (v === undefined || v === null || (v as number) > min ? undefined : Promise.reject(new Error(`${label} > ${min}`))) });
  }
  const item = (control: JSX.Element) => (
    <Form.Item name={formName} label={label} rules={rules}>
      {control}
    </Form.Item>
  );
  const staffOptions = technicians.map((s) => ({ value: s.username, label: s.star_level ? `${s.name} ${'★'.repeat(s.star_level)}` : s.name }));

  if (fieldKey === 'technician') {
    return item(<Select data-testid={testId(name)} showSearch optionFilterProp="label" options={staffOptions} />);
  }
  if (fieldKey === 'helpers') {
    return item(<Select data-testid={testId(name)} mode="multiple" optionFilterProp="label" options={staffOptions} />);
  }
  if (schema.enum) {
    const options = schema.enum.map((v) => ({ value: v, label: enumLabel(fieldKey, v) }));
    return item(<Select data-testid={testId(name)} options={options} />);
  }
  if (type === 'object' && fieldKey === 'geo') {
    return item(<GeoInput testIdPrefix={testId(name)} />);
  }
  if (type === 'object') {
    return <ObjectFields name={name} fieldKey={fieldKey} schema={schema} required={required} technicians={technicians} />;
  }
  if (type === 'array' && schemaType(schema.items ?? {}) === 'object') {
    return <ListFields name={name} fieldKey={fieldKey} schema={schema} required={required} technicians={technicians} />;
  }
  if (type === 'array') {
    const itemEnum = schema.items?.enum;
    return item(
      itemEnum ? (
        <Select data-testid={testId(name)} mode="multiple" options={itemEnum.map((v) => ({ value: v, label: enumLabel(fieldKey, v) }))} />
      ) : (
        <Select data-testid={testId(name)} mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      ),
    );
  }
  if (type === 'boolean') {
    return item(
      <Radio.Group data-testid={testId(name)}>
        <Radio value={true}>{t('common.yes')}</Radio>
        <Radio value={false}>{t('common.no')}</Radio>
      </Radio.Group>,
    );
  }
  if (type === 'string' && (schema.format === 'date-time' || schema.format === 'date')) {
    return item(<DateTimeInput data-testid={testId(name)} withTime={schema.format === 'date-time'} />);
  }
  if (fieldKey === 'satisfaction' || isRating(schema)) {
    return item(<Rate data-testid={testId(name)} count={schema.maximum ?? 5} />);
  }
  if (type === 'integer' || type === 'number') {
    return item(
      <InputNumber
        data-testid={testId(name)}
        min={schema.minimum ?? schema.exclusiveMinimum}
        max={schema.maximum}
        precision={type === 'integer' ? 0 : undefined}
        style={{ width: '100%' }}
      />,
    );
  }
  const short = SHORT_TEXT.has(fieldKey) || (schema.maxLength !== undefined && schema.maxLength <= 64);
  return item(
    short ? (
      <Input data-testid={testId(name)} maxLength={schema.maxLength} />
    ) : (
      <Input.TextArea data-testid={testId(name)} maxLength={schema.maxLength} autoSize={{ minRows: 2, maxRows: 6 }} />
    ),
  );
}

type GroupProps = Omit<Props, 'listName'>;

/** An object's properties as a labelled group (e.g. the five satisfaction scores). */
function ObjectFields({ name, fieldKey, schema, required, technicians }: GroupProps) {
  const i18n = useI18n();
  const props = Object.entries(schema.properties ?? {});
  const allRatings = props.length > 0 && props.every(([, s]) => isRating(s));
  return (
    <Form.Item label={fieldLabel(i18n, fieldKey)} required={required} style={{ marginBottom: 0 }}>
      <Row gutter={12}>
        {props.map(([key, prop]) => (
          <Col key={key} xs={24} sm={allRatings ? 24 : 12}>
            <SchemaField
              name={[...name, key]}
              fieldKey={key}
              schema={prop}
              required={required && (schema.required ?? []).includes(key)}
              technicians={technicians}
            />
          </Col>
        ))}
      </Row>
    </Form.Item>
  );
}

/** A list of objects (e.g. parts replaced: name and quantity per row). */
function ListFields({ name, fieldKey, schema, required, technicians }: GroupProps) {
  const i18n = useI18n();
  const itemSchema = schema.items ?? {};
  const props = Object.entries(itemSchema.properties ?? {});
  return (
    <Form.Item label={fieldLabel(i18n, fieldKey)} required={required} data-testid={testId(name)}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap style={{ display: 'flex' }}>
                {props.map(([key, prop]) => (
                  <SchemaField
                    key={key}
                    name={[...name, row.name, key]}
                    listName={[row.name, key]}
                    fieldKey={key}
                    schema={prop}
                    required={(itemSchema.required ?? []).includes(key)}
                    technicians={technicians}
                  />
                ))}
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={i18n.t('parts.remove')} onClick={() => remove(row.name)} style={{ marginTop: 30 }} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`${testId(name)}-add`}>
              {i18n.t('parts.add')}
            </Button>
            {rows.length === 0 && <Typography.Text type="secondary"> {i18n.t('common.none')}</Typography.Text>}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
