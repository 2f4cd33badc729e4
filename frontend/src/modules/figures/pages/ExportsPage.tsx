import { useState, type MouseEvent } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ExportOutlined, RedoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../../api/session';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportJob, type ExportKind, type ExportStatus } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { formatBytes } from '../../evidence/lib/format';
import { RefreshButton } from '../../../components/RefreshButton';
import { pagedOver, ResponsiveTable } from '../../../components/ResponsiveTable';
import { useFormErrorHandler, useShowError } from '../../../utils/errors';
import { DISPLAY_TZ, formatTime, pickerToDate } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useOutlets } from '../../directory/queries';
import { linksDue } from '../../../api/refresh';
import { useExportActions, useExports, useScopeName } from '../queries';

const STATUS_COLORS: Record<ExportStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
/** A failed job, or one that waited too long, can be queued again. */
const canRetry = (job: ExportJob) => job.status === 'failed' || job.stuck;

interface ExportValues {
  kind: ExportKind;
  format: ExportFormat;
  outlets: string[];
  range: [Dayjs, Dayjs];
}

/** Follows a download URL as a link click would (the server names the file). */
function followDownload(url: string, filename: string | null) {
  const a = document.createElement('a');
  a.href = url;
  if (filename) a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** This month so far, in Shanghai dates, as picker values. */
function thisMonthSoFar(): [Dayjs, Dayjs] {
  const today = dayjs(dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD'));
  return [today.startOf('month'), today];
}

/** 数据导出: order, event and customer data as XLSX/CSV files built in the background. */
export default function ExportsPage() {
  const me = useMe();
  const { t, lang } = useI18n();
  /** The failed job's reason in the reader's language (the API gives a message code). */
  const errorText = (job: ExportJob) => (job.error ? t(`export.error.${job.error}`) : t('common.error'));
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useShowError();
  const onFormError = useFormErrorHandler();
  // Head office exports any outlets; a manager their own.
  const anyOutlet = useCan()('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const [form] = Form.useForm<ExportValues>();
  const exports = useExports();
  const jobs = exports.data ?? null;
  const { start, starting: submitting, retry: retryJob, reread } = useExportActions();
  const [fetching, setFetching] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);

  const submit = async (values: ExportValues) => {
    try {
      const job = await start({
        kind: values.kind,
        format: values.format,
        // head office: none chosen means every outlet (the API's default for what one may see)
        ...(anyOutlet ? (values.outlets?.length ? { outlets: values.outlets } : {}) : { outlets: [me.outlet] }),
        from: pickerToDate(values.range[0]),
        to: pickerToDate(values.range[1]),
      });
      if (job.status === 'failed') void message.warning(errorText(job));
      else void message.success(t('export.queued'));
    } catch (err) {
      onFormError(form, err);
    }
  };

  const retry = async (job: ExportJob) => {
    setRetrying(job.id);
    try {
      const again = await retryJob(job.id);
      if (again.status === 'failed') void message.warning(errorText(again));
      else void message.success(t('export.retried'));
    } catch (err) {
      showError(err);
    } finally {
      setRetrying(null);
    }
  };

  /** Follow the link while it lasts (a presigned URL lives minutes); otherwise fetch the job again first. */
  const download = (job: ExportJob) => async (e: MouseEvent<HTMLAnchorElement>) => {
    if (job.download_url && !linksDue([job.download_url])) return;
    e.preventDefault();
    setFetching(job.id);
    try {
      const fresh = await reread(job.id);
      if (fresh.download_url) followDownload(fresh.download_url, fresh.filename);
      else void message.warning(t('export.notReady'));
    } catch (err) {
      showError(err);
    } finally {
      setFetching(null);
    }
  };

  const outletName = useScopeName(anyOutlet);

  const statusTag = (job: ExportJob) => {
    const tag = (
      <Tag color={STATUS_COLORS[job.status]} data-testid="export-status">
        {t(`export.status.${job.status}`)}
      </Tag>
    );
    if (job.stuck)
      return (
        <Tooltip title={t('export.stuckHint')}>
          <span>
            {tag}
            <Tag color="warning" data-testid="export-stuck">
              {t('export.stuck')}
            </Tag>
          </span>
        </Tooltip>
      );
    return job.status === 'failed' ? <Tooltip title={errorText(job)}>{tag}</Tooltip> : tag;
  };

  const retryButton = (job: ExportJob) =>
    canRetry(job) ? (
      <Button
        size="small"
        icon={<RedoOutlined />}
        loading={retrying === job.id}
        onClick={() => void retry(job)}
        data-testid="export-retry"
      >
        {t('export.retry')}
      </Button>
    ) : null;

  const downloadLink = (job: ExportJob) =>
    job.status === 'done' && job.download_url ? (
      <a
        href={job.download_url}
        download={job.filename ?? true}
        rel="noopener"
        data-testid="export-download"
        onClick={(e) => void download(job)(e)}
        aria-busy={fetching === job.id}
      >
        <DownloadOutlined /> {t('export.download')}
        {job.size !== null && <Typography.Text type="secondary"> ({formatBytes(job.size)})</Typography.Text>}
      </a>
    ) : job.status === 'failed' ? (
      <Flex gap={8} align="center" wrap="wrap">
        <Typography.Text type="danger" data-testid="export-error" data-code={job.error ?? undefined}>
          {errorText(job)}
        </Typography.Text>
        {retryButton(job)}
      </Flex>
    ) : (
      retryButton(job)
    );

  const what = (job: ExportJob) => `${t(`export.kind.${job.kind}`)} · ${job.format.toUpperCase()}`;
  const filters = (job: ExportJob) =>
    `${job.filters.outlets.map((code) => outletName(code)).join('、')} · ${job.filters.from} ~ ${job.filters.to}`;

  const columns: TableColumnsType<ExportJob> = [
    { title: t('export.col.what'), key: 'what', render: (_: unknown, j) => what(j) },
    { title: t('export.col.filters'), key: 'filters', render: (_: unknown, j) => filters(j) },
    { title: t('export.col.status'), key: 'status', width: 130, ellipsis: false, render: (_: unknown, j) => statusTag(j) },
    {
      title: t('export.col.rows'),
      dataIndex: 'rows',
      key: 'rows',
      align: 'right',
      width: 80,
      render: (v: number) => <span data-testid="export-rows">{v}</span>,
    },
    { title: t('export.col.by'), key: 'by', width: 120, render: (_: unknown, j) => j.requested_by_name || j.requested_by },
    { title: t('export.col.at'), dataIndex: 'created_at', key: 'at', width: 150, render: (v: string) => formatTime(v) },
    { title: t('export.col.file'), key: 'file', width: 130, render: (_: unknown, j) => downloadLink(j) },
  ];
  const rowProps = (j: ExportJob) => ({ 'data-testid': 'export-job', 'data-status': j.status, 'data-id': j.id });

  return (
    <div data-testid="exports-page" style={{ maxWidth: 1400 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('export.title')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<ExportValues>
          form={form}
          layout={isMobile ? 'vertical' : 'inline'}
          initialValues={{ kind: 'orders', format: 'xlsx', outlets: [], range: thisMonthSoFar() }}
          onFinish={(v) => void submit(v)}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="kind" label={t('export.kind')} rules={[{ required: true }]}>
            <Select<ExportKind>
              data-testid="export-kind"
              style={{ minWidth: 200 }}
              options={EXPORT_KINDS.map((k) => ({ value: k, label: t(`export.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="format" label={t('export.format')} rules={[{ required: true }]}>
            <Segmented<ExportFormat> data-testid="export-format" options={EXPORT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} />
          </Form.Item>
          {anyOutlet ? (
            <Form.Item name="outlets" label={t('export.outlets')} extra={t('export.outletsAllHint')}>
              <Select<string[]>
                mode="multiple"
                data-testid="export-outlets"
                style={{ minWidth: 240, maxWidth: isMobile ? undefined : 480 }}
                placeholder={t('export.outletsPlaceholder')}
                loading={outlets === null}
                allowClear
                maxTagCount="responsive"
                optionFilterProp="label"
                options={(outlets ?? [])
                  .filter((o) => !o.is_head_office)
                  .map((o) => ({ value: o.code, label: lang === 'zh-CN' ? o.name : o.name_en || o.name }))}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('export.outlets')}>
              <Typography.Text strong data-testid="export-outlets" data-outlet={me.outlet}>
                {outletName(me.outlet)}
              </Typography.Text>
            </Form.Item>
          )}
          <Form.Item name="range" label={t('export.range')} rules={[{ required: true, message: t('export.rangeRequired') }]}>
            <DatePicker.RangePicker data-testid="export-range" allowClear={false} style={isMobile ? { width: '100%' } : undefined} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={submitting} data-testid="export-submit" block={isMobile}>
              {t('export.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('export.hint')}
        </Typography.Paragraph>
      </Card>

      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('export.jobs')}
        </Typography.Title>
        <RefreshButton label={t('kpi.refresh')} loading={exports.isFetching} onClick={() => void exports.refetch()} testId="export-refresh" />
      </Flex>
      <div data-testid="export-jobs">
        <ResponsiveTable<ExportJob>
          items={jobs ?? []}
          rowKey="id"
          loading={jobs === null}
          error={exports.error}
          onRetry={() => void exports.refetch()}
          retrying={exports.isFetching}
          tableId="exports"
          empty={t('export.empty')}
          columns={columns}
          size="small"
          pagination={pagedOver(jobs?.length ?? 0, 20)}
          onRow={rowProps}
          renderCard={(j) => (
            <Card size="small" style={{ width: '100%' }} {...rowProps(j)}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{what(j)}</Typography.Text>
                {statusTag(j)}
              </Flex>
              <div style={{ wordBreak: 'break-word' }}>{filters(j)}</div>
              <Typography.Text type="secondary">
                {t('export.rowsSoFar', { n: j.rows })} · {j.requested_by_name || j.requested_by} · {formatTime(j.created_at)}
              </Typography.Text>
              <div>{downloadLink(j)}</div>
            </Card>
          )}
        />
      </div>
    </div>
  );
}
