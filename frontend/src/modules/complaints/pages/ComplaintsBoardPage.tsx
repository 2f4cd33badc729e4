import { Button, Card, Flex, Segmented, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../access';
import { ClockBadge } from '../../../components/ClockBadge';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveTable, listState } from '../../../components/ResponsiveTable';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../../utils/time';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { LoopTag, RepeatTag } from '../components/tags';
import { departmentName } from '../components/departments';
import { useComplaintList, useComplaintSettings } from '../queries';
import type { ComplaintStatus, ComplaintSummary } from '../types';

/** Whom or what a complaint is about, in a line: the person, the order. */
function aboutText(c: ComplaintSummary): string {
  return [c.about.staff_name ?? c.about.staff, c.about.order_number, c.about.unit_name].filter(Boolean).join(' · ') || '-';
}

/** 客户投诉: an outlet's complaints, open (处理中) or done (已办结); head office picks the outlet
 * or looks at its own queue (总部处理). */
export default function ComplaintsBoardPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const status: ComplaintStatus = params.get('status') === 'done' ? 'done' : 'open';
  const hq = anyOutlet && params.get('queue') === 'head_office';
  const scope = hq ? { queue: 'head_office' as const, status } : { outlet, status };
  const ready = hq || !anyOutlet || Boolean(outlet);
  const list = useComplaintList(scope, ready);
  const settings = useComplaintSettings().data?.settings; // the departments' names (the office reads them)

  const clockOf = (c: ComplaintSummary) => c.clocks.find((k) => k.name === 'complaint');
  const columns: TableColumnsType<ComplaintSummary> = [
    {
      key: 'number',
      title: t('complaints.number'),
      width: 190,
      render: (_, c) => (
        <Link to={`/complaints/${c.id}`} data-testid="complaint-link" onClick={(e) => e.stopPropagation()}>
          {c.number ?? t('complaints.draftNumber')}
        </Link>
      ),
    },
    { key: 'received', title: t('complaints.receivedAt'), width: 140, render: (_, c) => formatTime(c.received_at) },
    { key: 'kind', title: t('complaints.kind'), width: 120, render: (_, c) => t(`complaint_kind.${c.kind}`) },
    { key: 'complainant', title: t('complaints.complainant'), width: 100, render: (_, c) => c.complainant_name ?? '-' },
    { key: 'about', title: t('complaints.about'), render: (_, c) => aboutText(c) },
    { key: 'department', title: t('complaints.department'), width: 110, responsive: ['lg'], render: (_, c) => departmentName(settings, c.department, lang) },
    { key: 'state', title: t('col.state'), width: 100, ellipsis: false, render: (_, c) => <VocabularyTag group="complaint_state" value={c.state} testId="complaint-state" /> },
    {
      key: 'clock',
      title: t('complaints.clock'),
      width: 170,
      ellipsis: false,
      render: (_, c) => {
        const clock = clockOf(c);
        return clock ? <ClockBadge clock={clock} hideName /> : '-';
      },
    },
    {
      key: 'flags',
      title: t('complaints.repeat'),
      width: 110,
      ellipsis: false,
      render: (_, c) => (
        <Flex gap={4} wrap>
          {c.repeat && <RepeatTag />}
          <LoopTag loops={c.loops} />
        </Flex>
      ),
    },
  ];

  const table = (
    <>
      <ResponsiveTable<ComplaintSummary>
        columns={columns}
        {...listState(list)}
        rowKey="id"
        empty={t('complaints.empty')}
        tableId="complaints-board"
        testId="complaints-table"
        onRow={(c) => ({ 'data-testid': `complaint-row-${c.id}`, onClick: () => navigate(`/complaints/${c.id}`), style: { cursor: 'pointer' } })}
        renderCard={(c) => {
          const clock = clockOf(c);
          return (
            <Card size="small" hoverable style={{ width: '100%' }} onClick={() => navigate(`/complaints/${c.id}`)} data-testid={`complaint-row-${c.id}`}>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text strong>{c.number ?? t('complaints.draftNumber')}</Typography.Text>
                <VocabularyTag group="complaint_state" value={c.state} testId="complaint-state" />
              </Flex>
              <div>
                {t(`complaint_kind.${c.kind}`)} · {c.complainant_name ?? '-'}
              </div>
              <Typography.Text type="secondary">{aboutText(c)}</Typography.Text>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                {clock && <ClockBadge clock={clock} />}
                {c.repeat && <RepeatTag />}
                <LoopTag loops={c.loops} />
              </Flex>
              <Typography.Text type="secondary">{formatTime(c.received_at)}</Typography.Text>
            </Card>
          );
        }}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
    </>
  );

  return (
    <div>
      <PageHeader title={t('complaints.boardTitle')}>
        {anyOutlet && (
          <Segmented<string>
            data-testid="complaints-scope"
            value={hq ? 'head_office' : 'outlet'}
            onChange={(v) => setParam('queue', v === 'head_office' ? 'head_office' : '')}
            options={[
              { value: 'outlet', label: <span data-testid="complaints-scope-outlet">{t('complaints.scopeOutlet')}</span> },
              { value: 'head_office', label: <span data-testid="complaints-scope-hq">{t('complaint_handler.head_office')}</span> },
            ]}
          />
        )}
        {anyOutlet && !hq && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="complaints-outlet" />}
        {can('complaints.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')} data-testid="complaints-new">
            {t('complaints.new')}
          </Button>
        )}
      </PageHeader>
      <Tabs
        activeKey={status}
        onChange={(key) => setParam('status', key)}
        items={[
          { key: 'open', label: <span data-testid="complaints-tab-open">{t('complaint_status.open')}</span> },
          { key: 'done', label: <span data-testid="complaints-tab-done">{t('complaint_status.done')}</span> },
        ]}
      />
      {table}
    </div>
  );
}
