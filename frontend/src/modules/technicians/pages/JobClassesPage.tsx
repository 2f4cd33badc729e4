import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Flex, Form, type FormInstance, Input, InputNumber, Rate, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '../../../access';
import { ApiError } from '../../../api/client';
import { reread } from '../../../app/queryClient';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useFormErrorHandler } from '../../../utils/errors';
import { fenToYuan, formatFen, yuanToFen } from '../../../utils/money';
import { formatTime } from '../../../utils/time';
import { technicianKeys, useJobClasses } from '../queries';
import { useJobClassVersions, useSaveJobClasses, type JobClassVersion, type CertificateType, type JobClass, type JobClassTable } from '../policyQueries';

/** A class's or a certificate type's code: what orders and certificates keep (the API's rule). */
const CODE = /^[a-z][a-z0-9_]{1,31}$/;
const MAX_NAME = 60;

/** The form's rows: a saved row keeps its code (orders and certificates refer to it). */
type Saved<T> = T & { saved?: boolean };
interface Values {
  job_classes: Saved<JobClass>[];
  certificate_types: Saved<CertificateType>[];
  warn_days: number;
  /** Training: the pass mark and the absence fine (typed in 元). */
  pass_mark?: number;
  absence_fine_yuan: string;
}

const toValues = (s: JobClassTable): Values => ({
  job_classes: s.job_classes.map((c) => ({ ...c, certificates: [...c.certificates], saved: true })),
  certificate_types: s.certificate_types.map((c) => ({ ...c, saved: true })),
  warn_days: s.warn_days,
  // the API always answers both (its defaults for a table saved before them)
  pass_mark: s.pass_mark,
  absence_fine_yuan: s.absence_fine_fen === undefined ? '' : fenToYuan(s.absence_fine_fen),
});

const toTable = (v: Values): JobClassTable => ({
  job_classes: (v.job_classes ?? []).map((c) => ({
    code: (c.code ?? '').trim(),
    name_zh: (c.name_zh ?? '').trim(),
    name_en: (c.name_en ?? '').trim(),
    min_stars: c.min_stars,
    certificates: c.certificates ?? [],
  })),
  certificate_types: (v.certificate_types ?? []).map((c) => ({ code: (c.code ?? '').trim(), name_zh: (c.name_zh ?? '').trim(), name_en: (c.name_en ?? '').trim() })),
  warn_days: v.warn_days,
  pass_mark: v.pass_mark,
  absence_fine_fen: yuanToFen(v.absence_fine_yuan ?? '') ?? undefined,
});

/** A refusal's fields on the rows they name: `settings.job_classes.2.certificates.0` is the
 * third class's certificates field. */
function onRows(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const fields = Object.fromEntries(
    Object.entries(err.fields).map(([path, text]) => [path.replace(/^(settings\.job_classes\.\d+\.certificates)\.\d+$/, '$1').replace(/^settings\.absence_fine_fen$/, 'settings.absence_fine_yuan'), text]),
  );
  return new ApiError(err.status, err.code, err.message, fields, err.current, err.requestId);
}

/** The table as head office keeps it, for everyone else who may read it (a manager). */
function ReadOnlyTable({ table }: { table: JobClassTable }) {
  const { t, lang } = useI18n();
  const name = (item: { name_zh: string; name_en: string }) => (lang === 'zh-CN' ? item.name_zh : item.name_en);
  const certName = (code: string) => {
    const type = table.certificate_types.find((c) => c.code === code);
    return type ? name(type) : code;
  };
  return (
    <>
      <Card size="small" title={t('jobClasses.classes')} style={{ marginBottom: 12 }}>
        <Table<JobClass>
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={table.job_classes}
          data-testid="job-classes-table"
          onRow={(c) => ({ 'data-testid': `job-class-${c.code}`, 'data-stars': c.min_stars }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'name', title: t('jobClasses.name'), render: (_, c) => <Typography.Text strong>{name(c)}</Typography.Text> },
            { key: 'code', title: t('jobClasses.code'), dataIndex: 'code', render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text> },
            {
              key: 'stars',
              title: t('jobClasses.minStars'),
              render: (_, c) => (
                <span aria-label={t('jobClasses.stars', { n: c.min_stars })} title={t('jobClasses.stars', { n: c.min_stars })}>
                  <Rate disabled value={c.min_stars} count={5} style={{ fontSize: 14 }} />
                </span>
              ),
            },
            {
              key: 'certificates',
              title: t('jobClasses.certificates'),
              render: (_, c) =>
                c.certificates.length ? c.certificates.map((code) => <Tag key={code} color="blue">{certName(code)}</Tag>) : <Typography.Text type="secondary">{t('jobClasses.noCertificates')}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('jobClasses.certificateTypes')} style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} data-testid="certificate-types">
          {table.certificate_types.map((c) => (
            <Tag key={c.code} data-testid={`certificate-type-${c.code}`}>
              {name(c)} <Typography.Text type="secondary">({c.code})</Typography.Text>
            </Tag>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('jobClasses.warning')}>
        <Typography.Text data-testid="warn-days" data-days={table.warn_days}>
          {t('jobClasses.warnDaysText', { n: table.warn_days })}
        </Typography.Text>
      </Card>
      <Card size="small" title={t('training.policy.title')} style={{ marginTop: 12 }}>
        <Typography.Text data-testid="training-policy" data-pass-mark={table.pass_mark} data-fine={table.absence_fine_fen}>
          {t('training.policy.text', { mark: table.pass_mark ?? '-', fine: formatFen(table.absence_fine_fen) })}
        </Typography.Text>
      </Card>
    </>
  );
}

/** Every saved version, newest first (the table's audit trail): who saved it, when, and the
 * classes it held. Read when opened. */
function Versions() {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, error, refetch, isFetching } = useJobClassVersions(open);
  const name = (item: { name_zh: string; name_en: string }) => (lang === 'zh-CN' ? item.name_zh : item.name_en);
  const summary = (v: JobClassVersion) =>
    v.settings.job_classes
      .map((c) => `${name(c)} ${c.min_stars}★${c.certificates.length ? ` + ${c.certificates.map((code) => name(v.settings.certificate_types.find((x) => x.code === code) ?? { name_zh: code, name_en: code })).join(t('common.listSep'))}` : ''}`)
      .join(t('common.groupSep'));
  return (
    <Card size="small" title={t('jobClasses.versions')} style={{ marginTop: 12 }}>
      {!open ? (
        <Button onClick={() => setOpen(true)} data-testid="job-class-versions-open">
          {t('jobClasses.showVersions')}
        </Button>
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} compact />
      ) : !data ? (
        <Skeleton active title={false} />
      ) : (
        <Table<JobClassVersion>
          size="small"
          rowKey="version"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={data.items}
          data-testid="job-class-versions"
          columns={[
            { key: 'version', title: t('jobClasses.versionColumn'), dataIndex: 'version', width: 80 },
            { key: 'by', title: t('jobClasses.savedBy'), render: (_, v) => v.by_name ?? v.by },
            { key: 'at', title: t('jobClasses.savedAt'), render: (_, v) => formatTime(v.at) },
          ]}
          expandable={{ expandedRowRender: (v) => <Typography.Text type="secondary">{summary(v)}</Typography.Text> }}
        />
      )}
    </Card>
  );
}

/** The form head office edits: classes, certificate types, the warning's days. */
function TableForm({ form, saved, onFinish }: { form: FormInstance<Values>; saved: JobClassTable; onFinish: (v: Values) => void }) {
  const { t, lang } = useI18n();
  const certificateTypes = (Form.useWatch('certificate_types', form) as CertificateType[] | undefined) ?? saved.certificate_types;
  const certificateOptions = certificateTypes
    .filter((c) => c?.code)
    .map((c) => ({ value: c.code, label: (lang === 'zh-CN' ? c.name_zh : c.name_en) || c.code }));
  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  const codeRules = [{ required: true, pattern: CODE, message: t('jobClasses.codeFormat') }];
  return (
    <Form<Values> form={form} layout="vertical" initialValues={toValues(saved)} onFinish={onFinish}>
      <Card size="small" title={t('jobClasses.classes')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t('jobClasses.classesHint')}</Typography.Paragraph>
        <Form.List name="job_classes">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field, i) => {
                const kept = Boolean(form.getFieldValue(['job_classes', field.name, 'saved']));
                return (
                  <Flex key={field.key} gap={8} wrap align="start" data-testid={`job-class-row-${i}`} style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
                    <Form.Item name={[field.name, 'code']} label={i === 0 ? t('jobClasses.code') : undefined} rules={codeRules} style={{ width: 150, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.code')} disabled={kept} aria-label={t('jobClasses.code')} data-testid={`job-class-code-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name_zh']} label={i === 0 ? t('jobClasses.nameZh') : undefined} rules={required(t('jobClasses.nameZh'))} style={{ width: 200, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.nameZh')} maxLength={MAX_NAME} aria-label={t('jobClasses.nameZh')} data-testid={`job-class-name-zh-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name_en']} label={i === 0 ? t('jobClasses.nameEn') : undefined} rules={required(t('jobClasses.nameEn'))} style={{ width: 240, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.nameEn')} maxLength={MAX_NAME} aria-label={t('jobClasses.nameEn')} data-testid={`job-class-name-en-${i}`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'min_stars']}
                      label={i === 0 ? t('jobClasses.minStars') : undefined}
                      rules={[{ required: true, type: 'integer', min: 1, max: 5, message: t('jobClasses.starsRange') }]}
                      style={{ width: 150, marginBottom: 8 }}
                    >
                      <Rate count={5} allowClear={false} aria-label={t('jobClasses.minStars')} data-testid={`job-class-stars-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'certificates']} label={i === 0 ? t('jobClasses.certificates') : undefined} style={{ width: 240, marginBottom: 8 }}>
                      <Select mode="multiple" allowClear options={certificateOptions} placeholder={t('jobClasses.noCertificates')} aria-label={t('jobClasses.certificates')} data-testid={`job-class-certs-${i}`} />
                    </Form.Item>
                    <Tooltip title={t('jobClasses.remove')}>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('jobClasses.remove')}
                        style={{ marginTop: i === 0 ? 30 : 0 }}
                        data-testid={`job-class-remove-${i}`}
                      />
                    </Tooltip>
                  </Flex>
                );
              })}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', name_zh: '', name_en: '', min_stars: 1, certificates: [] })}
                style={{ alignSelf: 'flex-start', marginTop: 8 }}
                data-testid="job-class-add"
              >
                {t('jobClasses.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('jobClasses.certificateTypes')} style={{ marginBottom: 12 }}>
        <Form.List name="certificate_types">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field, i) => {
                const kept = Boolean(form.getFieldValue(['certificate_types', field.name, 'saved']));
                return (
                  <Flex key={field.key} gap={8} wrap align="start" data-testid={`certificate-type-row-${i}`}>
                    <Form.Item name={[field.name, 'code']} rules={codeRules} style={{ width: 150, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.code')} disabled={kept} aria-label={t('jobClasses.code')} data-testid={`certificate-type-code-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name_zh']} rules={required(t('jobClasses.nameZh'))} style={{ width: 200, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.nameZh')} maxLength={MAX_NAME} aria-label={t('jobClasses.nameZh')} data-testid={`certificate-type-name-zh-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name_en']} rules={required(t('jobClasses.nameEn'))} style={{ width: 240, marginBottom: 8 }}>
                      <Input placeholder={t('jobClasses.nameEn')} maxLength={MAX_NAME} aria-label={t('jobClasses.nameEn')} data-testid={`certificate-type-name-en-${i}`} />
                    </Form.Item>
                    <Tooltip title={t('jobClasses.removeCertificateType')}>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('jobClasses.removeCertificateType')} data-testid={`certificate-type-remove-${i}`} />
                    </Tooltip>
                  </Flex>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name_zh: '', name_en: '' })} style={{ alignSelf: 'flex-start' }} data-testid="certificate-type-add">
                {t('jobClasses.addCertificateType')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('jobClasses.warning')}>
        <Form.Item name="warn_days" label={t('jobClasses.warnDays')} extra={t('jobClasses.warnDaysHint')} rules={[{ required: true, type: 'integer', min: 1, max: 180, message: t('jobClasses.warnDaysRange') }]}>
          <InputNumber min={1} max={180} precision={0} style={{ width: 160 }} data-testid="warn-days-input" />
        </Form.Item>
      </Card>
      <Card size="small" title={t('training.policy.title')} style={{ marginTop: 12 }}>
        <Flex gap={16} wrap>
          <Form.Item
            name="pass_mark"
            label={t('training.policy.passMark')}
            extra={t('training.policy.passMarkHint')}
            rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('training.policy.passMarkRange') }]}
            style={{ width: 320 }}
          >
            <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid="pass-mark-input" />
          </Form.Item>
          <Form.Item
            name="absence_fine_yuan"
            label={t('training.policy.absenceFine')}
            extra={t('training.policy.absenceFineHint')}
            rules={yuanRules(t, { required: t('training.policy.absenceFine'), min: 1 })}
            style={{ width: 320 }}
          >
            <YuanInput style={{ width: 160 }} data-testid="absence-fine-input" />
          </Form.Item>
        </Flex>
      </Card>
    </Form>
  );
}

/**
 * 工种与资质: head office's job-class table (each class's minimum star level and certificates,
 * the certificate types, the expiry warning's days), saved with the version seen (someone
 * else's save first: 409, said so and the table read again). A manager reads it.
 */
export default function JobClassesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('technicians.job_classes.write');
  const client = useQueryClient();
  const { data, error, refetch, isFetching } = useJobClasses();
  const save = useSaveJobClasses();
  const handleError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState(false);

  // the form shows the table as loaded (again after a save or someone else's)
  useEffect(() => {
    if (data && editable) form.setFieldsValue(toValues(data.settings));
  }, [data, editable, form]);

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  if (!data) return <Skeleton active />;

  const onFinish = (values: Values) => {
    setStale(false);
    save
      .mutateAsync({ settings: toTable(values), version: data.version })
      .then((saved) => message.success(t('jobClasses.saved', { version: saved.version })))
      .catch((err: unknown) => {
        if (isStaleVersion(err)) {
          setStale(true);
          void reread(client, technicianKeys.jobClasses());
          return;
        }
        handleError(form, onRows(err), 'settings');
      });
  };

  return (
    <div style={{ maxWidth: 1180 }}>
      <PageHeader title={t('jobClasses.title')}>
        <Typography.Text type="secondary" data-testid="job-classes-version" data-version={data.version}>
          {t('jobClasses.version', { version: data.version })}
        </Typography.Text>
        {editable && (
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="job-classes-save">
            {t('jobClasses.save')}
          </Button>
        )}
      </PageHeader>
      <Typography.Paragraph type="secondary">{t('jobClasses.intro')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('jobClasses.readOnly')} data-testid="job-classes-read-only" />}
      {stale && (
        <Alert type="warning" showIcon closable onClose={() => setStale(false)} style={{ marginBottom: 12 }} message={t('jobClasses.stale')} data-testid="job-classes-stale" />
      )}
      {editable ? <TableForm form={form} saved={data.settings} onFinish={onFinish} /> : <ReadOnlyTable table={data.settings} />}
      <Versions />
    </div>
  );
}
