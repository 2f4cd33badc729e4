import { useRef, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ResponsiveTable, pagedOver } from '../../../components/ResponsiveTable';
import { useI18n } from '../../../i18n';
import { useErrorText, useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { postToSlot } from '../../evidence/lib/upload';
import { download, headerSheet } from '../lib/xlsx';
import { createUnitImport, getImportSample, startUnitImport, useUnitImport, warrantyKeys } from '../queries';
import type { ImportRowError, ImportSample } from '../types';

const ERRORS_PAGE = 20;

type Step = 'idle' | 'uploading' | 'starting';

/**
 * 批量导入产品档案: the sheet goes straight to the file store (a presigned POST, like photos), then
 * the import runs on the server; this shows its progress, what was imported, left unchanged
 * (already registered) or refused, and every refused row with its reason. A row is all or
 * nothing; importing the same sheet again changes nothing.
 */
export function ImportPanel() {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | undefined>();
  const job = useUnitImport(jobId).data;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFailure(null);
    try {
      setStep('uploading');
      const slot = await createUnitImport({ filename: file.name, size: file.size });
      await postToSlot(slot.upload, file, file.name).promise;
      setStep('starting');
      const started = await startUnitImport(slot.id);
      client.setQueryData(warrantyKeys.importJob(slot.id), started);
      setJobId(slot.id);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setStep('idle');
      if (input.current) input.current.value = '';
    }
  };

  /** A stuck job (no worker took it, or its worker died) is started again. */
  const onRestart = async () => {
    if (!jobId) return;
    try {
      client.setQueryData(warrantyKeys.importJob(jobId), await startUnitImport(jobId));
    } catch (err) {
      showError(err);
    }
  };

  /** A blank sheet with the import's column headers in the reader's language. */
  const onTemplate = async () => {
    try {
      const sample: ImportSample = await client.fetchQuery({ queryKey: warrantyKeys.importSample(), queryFn: getImportSample, staleTime: Infinity });
      const headers = sample.columns.map((c) => (lang === 'zh-CN' ? c.zh : c.en));
      download(headerSheet(t('import.sheetName'), headers), t('import.templateFile'));
    } catch (err) {
      showError(err);
    }
  };

  const finished = job?.state === 'done' || job?.state === 'failed';
  const errorColumns: TableColumnsType<ImportRowError> = [
    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
    { key: 'field', title: t('import.field'), width: 160, render: (_, e) => e.column || '-' },
    { key: 'reason', title: t('import.reason'), dataIndex: 'message', ellipsis: false },
  ];

  return (
    <Card size="small" title={t('import.title')} style={{ marginBottom: 16 }} data-testid="import-panel">
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <input ref={input} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden data-testid="import-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        <Button type="primary" icon={<UploadOutlined />} loading={step !== 'idle'} onClick={() => input.current?.click()} data-testid="import-choose">
          {step === 'uploading' ? t('import.uploading') : step === 'starting' ? t('import.starting') : t('import.choose')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void onTemplate()} data-testid="import-template">
          {t('import.template')}
        </Button>
      </Flex>
      {failure && <Alert type="error" showIcon message={failure} data-testid="import-failure" style={{ marginBottom: 12 }} />}
      {job && (
        <div data-testid="import-job" data-state={job.state}>
          <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {job.filename}
            </Typography.Text>
            <Tag color={job.state === 'done' ? 'green' : job.state === 'failed' ? 'red' : 'blue'} data-testid="import-state">
              {t(`import.state.${job.state}`)}
            </Tag>
            {job.finished_at && <Typography.Text type="secondary">{formatTime(job.finished_at)}</Typography.Text>}
          </Flex>
          {!finished && (
            <Flex gap={8} align="center" style={{ marginBottom: 8 }} data-testid="import-progress">
              <Spin size="small" />
              <Typography.Text>{t('import.progress', { rows: job.total })}</Typography.Text>
              {job.stuck && (
                <Button size="small" onClick={() => void onRestart()} data-testid="import-restart">
                  {t('import.restart')}
                </Button>
              )}
            </Flex>
          )}
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={12} sm={6}>
              <Statistic title={t('import.total')} value={job.total} valueRender={(node) => <span data-testid="import-total">{node}</span>} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={t('import.imported')} value={job.imported} valueRender={(node) => <span data-testid="import-imported">{node}</span>} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={t('import.unchanged')} value={job.unchanged} valueRender={(node) => <span data-testid="import-unchanged">{node}</span>} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic
                title={t('import.failed')}
                value={job.failed}
                valueStyle={job.failed ? { color: '#cf1322' } : undefined}
                valueRender={(node) => <span data-testid="import-failed">{node}</span>}
              />
            </Col>
          </Row>
          {job.state === 'failed' && (
            <Alert type="error" showIcon message={t('import.jobFailed')} description={job.error?.message} style={{ marginBottom: 12 }} data-testid="import-job-error" />
          )}
          {job.errors.length > 0 && (
            <>
              <Typography.Title level={5}>{t('import.badRows')}</Typography.Title>
              {job.errors_truncated && <Typography.Paragraph type="secondary">{t('import.capped', { shown: job.errors.length })}</Typography.Paragraph>}
              <ResponsiveTable<ImportRowError>
                columns={errorColumns}
                items={job.errors}
                rowKey={(e) => `${e.row}:${e.field ?? ''}:${e.code}`}
                loading={false}
                size="small"
                pagination={pagedOver(job.errors.length, ERRORS_PAGE)}
                testId="import-errors"
                onRow={(e) => ({ 'data-testid': `import-error-${e.row}` })}
                renderCard={(e) => (
                  <Card size="small" style={{ width: '100%' }} data-testid={`import-error-${e.row}`}>
                    <Typography.Text strong>{t('import.rowN', { row: e.row })}</Typography.Text> · {e.column || '-'}
                    <div style={{ overflowWrap: 'anywhere' }}>{e.message}</div>
                  </Card>
                )}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
