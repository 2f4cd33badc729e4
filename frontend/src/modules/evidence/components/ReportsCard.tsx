import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { getReport } from '../../../api/client';
import type { Report } from '../../../api/types';
import { openFresh, shortHash } from '../lib/format';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';

interface Props {
  orderId: string;
  reports: Report[];
}

/** The service report versions (售后服务报告单), newest first; each opens with a fresh URL. */
export function ReportsCard({ orderId, reports }: Props) {
  const { t } = useI18n();
  const showError = useShowError();
  if (reports.length === 0) return null;
  const open = (version: number) => void openFresh(async () => (await getReport(orderId, version)).url).catch(showError);
  const newestFirst = [...reports].sort((a, b) => b.version - a.version);
  return (
    <Card size="small" title={t('reports.title')} style={{ marginBottom: 16 }} data-testid="reports-card">
      <List
        size="small"
        dataSource={newestFirst}
        renderItem={(r) => (
          <List.Item
            key={r.version}
            data-testid={`report-${r.version}`}
            data-current={r.current ? 'true' : 'false'}
            style={{ flexWrap: 'wrap', gap: 8 }}
            actions={[
              <Button key="open" type="link" icon={<FilePdfOutlined />} onClick={() => open(r.version)} data-testid={`report-link-${r.version}`} style={{ paddingInline: 4 }}>
                {t('reports.open')}
              </Button>,
            ]}
          >
            <div style={{ minWidth: 0, wordBreak: 'break-word' }}>
              <Space size={4} wrap>
                <Typography.Text strong data-testid={`report-title-${r.version}`}>
                  {r.title}
                </Typography.Text>
                {r.current && <Tag color="blue">{t('reports.current')}</Tag>}
                {r.signed ? <Tag color="green">{t('reports.signed')}</Tag> : <Tag>{t('reports.unsigned')}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reports.by', { name: r.generated_by_name || r.generated_by, time: formatTime(r.generated_at) })} · SHA-256 {shortHash(r.sha256)}
                </Typography.Text>
              </div>
              {r.reason && (
                <div>
                  <Typography.Text style={{ fontSize: 12 }}>{t('reports.reason', { reason: r.reason })}</Typography.Text>
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
