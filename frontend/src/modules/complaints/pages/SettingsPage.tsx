import { useEffect } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Spin, Tooltip, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { reread } from '../../../app/queryClient';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { complaintKeys, useComplaintSettings, useSaveSettings } from '../queries';
import { GROUPS, HANDLERS, KINDS, OUTLET_DEPARTMENT, type ComplaintSettings, type Department, type KindGroup } from '../types';

interface Values {
  departments: Department[];
  routes: ComplaintSettings['routes'];
  repeat_days: number;
  repeat_multiplier: number;
  /** Yuan as typed (the API keeps fen). */
  penalty_fen: Record<KindGroup, string>;
}

const toValues = (s: ComplaintSettings): Values => ({
  departments: s.departments.map((d) => ({ ...d })),
  routes: { ...s.routes },
  repeat_days: s.repeat_days,
  repeat_multiplier: s.repeat_multiplier,
  penalty_fen: Object.fromEntries(GROUPS.map((g) => [g, fenToYuan(s.penalty_fen[g] ?? 0)])) as Record<KindGroup, string>,
});

const toSettings = (v: Values): ComplaintSettings => ({
  departments: v.departments.map((d) => ({ code: d.code.trim(), name_zh: d.name_zh.trim(), name_en: d.name_en.trim(), handled_by: d.handled_by })),
  routes: v.routes,
  repeat_days: v.repeat_days,
  repeat_multiplier: v.repeat_multiplier,
  penalty_fen: Object.fromEntries(GROUPS.map((g) => [g, yuanToFen(v.penalty_fen[g]) ?? 0])) as ComplaintSettings['penalty_fen'],
});

/** 投诉设置 (head office): the routing table, the departments, the repeat window and multiplier,
 * the base penalty per kind group; saved with the version seen (a stale one reloads). */
export default function SettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data, error, refetch, isFetching } = useComplaintSettings();
  const save = useSaveSettings();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const departments = Form.useWatch('departments', form) as Department[] | undefined;
  const version = data?.version;

  // the form shows the settings as loaded (again after a save or a conflict)
  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data.settings));
  }, [data, form]);

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  if (!data) return <Spin />;

  const onFinish = (values: Values) =>
    save
      .mutateAsync({ settings: toSettings(values), version: version ?? 0 })
      .then(() => message.success(t('complaints.saved')))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 409) {
          message.warning(t('complaints.settingsStale'));
          void reread(client, complaintKeys.settings());
          return;
        }
        handleError(form, err, 'settings');
      });

  const departmentOptions = (departments ?? data.settings.departments)
    .filter((d) => d?.code)
    .map((d) => ({ value: d.code, label: `${(lang === 'zh-CN' ? d.name_zh : d.name_en) || d.code} (${d.code})` }));

  return (
    <div style={{ maxWidth: 980 }}>
      <PageHeader title={t('complaints.settingsTitle')}>
        <Typography.Text type="secondary" data-testid="settings-version" data-version={data.version}>
          {t('complaints.version', { version: data.version })}
        </Typography.Text>
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="settings-save">
          {t('complaints.save')}
        </Button>
      </PageHeader>
      <Form<Values> form={form} layout="vertical" initialValues={toValues(data.settings)} onFinish={(v) => void onFinish(v)}>
        <Card size="small" title={t('complaints.routes')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            {KINDS.map((kind) => (
              <Col key={kind} xs={24} sm={12} lg={8}>
                <Form.Item name={['routes', kind]} label={t(`complaint_kind.${kind}`)} rules={[{ required: true }]}>
                  <Select data-testid={`route-${kind}`} options={departmentOptions} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('complaints.departments')} style={{ marginBottom: 12 }}>
          <Form.List name="departments">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field, i) => {
                  const fixed = departments?.[i]?.code === OUTLET_DEPARTMENT;
                  return (
                    <Flex key={field.key} gap={8} wrap align="baseline" data-testid={`department-${i}`}>
                      <Form.Item
                        name={[field.name, 'code']}
                        rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,30}$/, message: t('complaints.codeFormat') }]}
                        style={{ width: 140 }}
                      >
                        <Input placeholder={t('complaints.code')} disabled={fixed} data-testid={`department-code-${i}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name_zh']} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('complaints.nameZh') }) }]} style={{ width: 160 }}>
                        <Input placeholder={t('complaints.nameZh')} maxLength={40} data-testid={`department-name-zh-${i}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name_en']} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('complaints.nameEn') }) }]} style={{ width: 200 }}>
                        <Input placeholder={t('complaints.nameEn')} maxLength={40} data-testid={`department-name-en-${i}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'handled_by']} style={{ width: 140 }}>
                        <Select disabled={fixed} data-testid={`department-handler-${i}`} options={HANDLERS.map((h) => ({ value: h, label: t(`complaint_handler.${h}`) }))} />
                      </Form.Item>
                      <Tooltip title={fixed ? t('complaints.outletFixed') : t('complaints.removeDepartment')}>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          disabled={fixed}
                          onClick={() => remove(field.name)}
                          aria-label={t('complaints.removeDepartment')}
                          data-testid={`department-remove-${i}`}
                        />
                      </Tooltip>
                    </Flex>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name_zh: '', name_en: '', handled_by: 'head_office' })} style={{ alignSelf: 'flex-start' }} data-testid="department-add">
                  {t('complaints.addDepartment')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('complaints.numbers')}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="repeat_days" label={t('complaints.repeatDays')} rules={[{ required: true }]}>
                <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} data-testid="settings-repeat-days" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="repeat_multiplier" label={t('complaints.repeatMultiplier')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10} step={0.1} precision={1} style={{ width: '100%' }} data-testid="settings-multiplier" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('complaints.basePenalty')}</Typography.Text>
          <Row gutter={12} style={{ marginTop: 8 }}>
            {GROUPS.map((group) => (
              <Col key={group} xs={12} sm={8} lg={4}>
                <Form.Item name={['penalty_fen', group]} label={t(`complaint_kind_group.${group}`)} rules={yuanRules(t, { required: t(`complaint_kind_group.${group}`) })}>
                  <YuanInput data-testid={`settings-penalty-${group}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      </Form>
    </div>
  );
}
