import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { VOCABULARY } from '../../../api/vocabulary';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useDeleteTemplate, useSaveTemplate } from '../queries';
import type { ExclusionKey, PriceItem, StartBasis, Template, TemplateBody } from '../types';

/** The vocabularies' values in their order (the server's). */
export const START_BASES = Object.keys(VOCABULARY.start_basis) as StartBasis[];
export const EXCLUSIONS = Object.keys(VOCABULARY.exclusion) as ExclusionKey[];
export const PRICE_ITEMS = Object.keys(VOCABULARY.price_item) as PriceItem[];

/** The group every component not named elsewhere falls under (整机): it lists no components. */
export const WHOLE = 'whole';

interface GroupValues {
  code: string;
  name: string;
  months: number;
  components: string[];
}

interface Values {
  start_basis: StartBasis;
  groups: GroupValues[];
  exclusions: ExclusionKey[];
  /** yuan, as typed */
  prices: Record<PriceItem, string>;
}

function toValues(template: Template): Values {
  return {
    start_basis: template.start_basis,
    groups: template.groups.map((g) => ({ ...g, components: [...g.components] })),
    exclusions: [...template.exclusions],
    prices: Object.fromEntries(PRICE_ITEMS.map((item) => [item, fenToYuan(template.prices[item] ?? 0)])) as Record<PriceItem, string>,
  };
}

function toBody(values: Values, version: number | null): TemplateBody {
  return {
    version,
    start_basis: values.start_basis,
    groups: values.groups.map((g) => ({
      code: g.code,
      name: g.name.trim(),
      months: g.months,
      components: g.code === WHOLE ? [] : (g.components ?? []).map((c) => c.trim()).filter(Boolean),
    })),
    exclusions: EXCLUSIONS.filter((e) => values.exclusions.includes(e)),
    prices: Object.fromEntries(PRICE_ITEMS.map((item) => [item, yuanToFen(values.prices[item]) ?? 0])) as Record<PriceItem, number>,
  };
}

/** A code for a group added on this screen, unlike the others' (the server's pattern: a-z, 0-9, _). */
function newGroupCode(groups: GroupValues[]): string {
  const taken = new Set(groups.map((g) => g.code));
  let n = groups.length;
  while (taken.has(`group_${n}`)) n += 1;
  return `group_${n}`;
}

interface Props {
  template: Template;
  canWrite: boolean;
  /** Read the templates again (after a 409, or to see someone else's save). */
  onReload: () => void;
}

/**
 * One template: when its terms start, its component groups with their months, the exclusions
 * offered, and the price list in yuan (sent as integer fen). A save carries the version shown;
 * someone else's save meanwhile is a 409 and a prompt to reload.
 */
export function TemplateEditor({ template, canWrite, onReload }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useFormErrorHandler();
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const [stale, setStale] = useState(false);

  const onFinish = async (values: Values) => {
    try {
      await save.mutateAsync({ model: template.model, body: toBody(values, template.version) });
      message.success(t('wty.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setStale(true);
      else handleError(form, err);
    }
  };

  const onDelete = async () => {
    try {
      await remove.mutateAsync({ model: template.model!, version: template.version ?? 0 });
      message.success(t('wty.deleted'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setStale(true);
      else handleError(form, err);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={toValues(template)} onFinish={onFinish} disabled={!canWrite} data-testid={`template-editor-${template.model ?? 'default'}`}>
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="template-stale"
          message={t('wty.stale')}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" disabled={false} onClick={onReload} data-testid="template-reload">
              {t('wty.reload')}
            </Button>
          }
        />
      )}
      <Typography.Paragraph type="secondary" data-testid="template-meta">
        {template.version === null
          ? t('wty.builtIn')
          : t('wty.updated', { at: formatTime(template.updated_at), by: template.updated_by_name ?? template.updated_by ?? '-', version: template.version })}
      </Typography.Paragraph>

      <Card size="small" title={t('wty.startBasis')} style={{ marginBottom: 16 }}>
        <Form.Item name="start_basis" noStyle>
          <Radio.Group data-testid="template-start-basis" options={START_BASES.map((b) => ({ value: b, label: t(`start_basis.${b}`) }))} />
        </Form.Item>
      </Card>

      <Card size="small" title={t('wty.groups')} style={{ marginBottom: 16 }}>
        <Form.List name="groups">
          {(fields, { add, remove: removeGroup }) => (
            <>
              {fields.map((field, index) => {
                const code = form.getFieldValue(['groups', field.name, 'code']) as string;
                const whole = code === WHOLE;
                return (
                  <Row key={field.key} gutter={12} align="top" data-testid={`template-group-${index}`} data-code={code}>
                    <Col xs={24} sm={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('wty.groupName')}
                        rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wty.groupName') }) }]}
                      >
                        <Input data-testid={`template-group-${index}-name`} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={4}>
                      <Form.Item name={[field.name, 'months']} label={t('wty.months')} rules={[{ required: true, message: t('common.required', { label: t('wty.months') }) }]}>
                        <InputNumber data-testid={`template-group-${index}-months`} min={1} max={240} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={11}>
                      <Form.Item
                        name={[field.name, 'components']}
                        label={t('wty.components')}
                        extra={whole ? t('wty.wholeHint') : undefined}
                      >
                        <Select
                          data-testid={`template-group-${index}-components`}
                          mode="tags"
                          open={false}
                          suffixIcon={null}
                          tokenSeparators={[',', '，', '、']}
                          disabled={whole || !canWrite}
                          placeholder={whole ? undefined : t('wty.componentsPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={1}>
                      {!whole && canWrite && (
                        <Form.Item label=" ">
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('wty.removeGroup')}
                            data-testid={`template-group-${index}-remove`}
                            onClick={() => removeGroup(field.name)}
                          />
                        </Form.Item>
                      )}
                    </Col>
                  </Row>
                );
              })}
              {canWrite && (
                <Button
                  icon={<PlusOutlined />}
                  data-testid="template-add-group"
                  onClick={() => add({ code: newGroupCode(form.getFieldValue('groups') as GroupValues[]), name: '', months: 12, components: [] })}
                >
                  {t('wty.addGroup')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t('wty.exclusions')} style={{ marginBottom: 16 }}>
        <Form.Item name="exclusions" noStyle>
          <Checkbox.Group data-testid="template-exclusions">
            <Flex vertical gap={4}>
              {EXCLUSIONS.map((e) => (
                <Checkbox key={e} value={e}>
                  {t(`exclusion.${e}`)}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Card>

      <Card size="small" title={t('wty.prices')} style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          {PRICE_ITEMS.map((item) => (
            <Col xs={24} sm={12} md={8} key={item}>
              <Form.Item
                name={['prices', item]}
                label={t(`price_item.${item}`)}
                rules={yuanRules(t, { required: t(`price_item.${item}`) })}
              >
                <YuanInput data-testid={`template-price-${item}`} prefix={null} addonAfter={t('wty.yuan')} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">{t('wty.partsPriceHint')}</Typography.Text>
      </Card>

      {canWrite && (
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="template-save">
            {t('wty.save')}
          </Button>
          {template.model !== null && (
            <Popconfirm title={t('wty.deleteConfirm', { model: template.model })} onConfirm={() => void onDelete()} okButtonProps={{ 'data-testid': 'template-delete-ok' } as ButtonProps}>
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="template-delete">
                {t('wty.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Form>
  );
}
