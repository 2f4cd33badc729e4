import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, PhoneOutlined, StarFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { PageHeader } from '../../../components/PageHeader';
import { RefreshButton } from '../../../components/RefreshButton';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { PriorityTag, StateTag } from '../../../components/StatusTags';
import { ErrorState } from '../../../components/ErrorState';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { DispatchDrawer } from '../components/DispatchDrawer';
import { useDispatchBoard, type AgreedVisit, type BoardJob, type BoardTechnician, type DispatchBoard } from '../queries';

const link = (orderId: string) => `/work-orders/${orderId}`;
const inZone = (iso: string, tz: string, format: string) => dayjs.utc(iso).tz(tz).format(format);

function Stars({ stars }: { stars: number | null }) {
  if (!stars) return null;
  return (
    <Typography.Text type="secondary" data-testid="board-stars" data-stars={stars}>
      <StarFilled style={{ color: '#faad14' }} /> {stars}
    </Typography.Text>
  );
}

function Technician({ tech }: { tech: BoardTechnician }) {
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{tech.name}</Typography.Text>
        <Stars stars={tech.star_level} />
      </Flex>
      {tech.phone && (
        <a href={`tel:${tech.phone}`}>
          <PhoneOutlined /> {tech.phone}
        </a>
      )}
    </Flex>
  );
}

/** A job in a technician's hands: number (to the order), state, customer and site. */
function Job({ job, tz }: { job: BoardJob; tz: string }) {
  const { t } = useI18n();
  const where = [job.customer_name, job.site_name].filter(Boolean).join(' · ');
  return (
    <div data-testid={`board-job-${job.number}`} style={{ minWidth: 0 }}>
      <Flex gap={4} wrap align="center">
        <Link to={link(job.order_id)}>{job.number}</Link>
        <StateTag state={job.state} />
        {job.priority === 'urgent' && <PriorityTag priority={job.priority} />}
      </Flex>
      <Typography.Text type="secondary" ellipsis={{ tooltip: where }} style={{ display: 'block', maxWidth: '100%' }}>
        {where}
      </Typography.Text>
      {job.next_due_at && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dispatch.board.due', { time: inZone(job.next_due_at, tz, 'MM-DD HH:mm') })}
        </Typography.Text>
      )}
    </div>
  );
}

function Jobs({ tech, tz }: { tech: BoardTechnician; tz: string }) {
  const { t } = useI18n();
  if (tech.jobs.length === 0) return <Typography.Text type="secondary">{t('dispatch.board.noJobs')}</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {tech.jobs.map((job) => (
        <Job key={job.order_id} job={job} tz={tz} />
      ))}
    </Flex>
  );
}

/** The visits agreed for one day, earliest first: time, order number, customer. */
function Visits({ visits, tz, testId }: { visits: AgreedVisit[]; tz: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4} data-testid={testId} data-count={visits.length}>
      {visits.length === 0 ? (
        <Typography.Text type="secondary">{t('dispatch.board.noVisits')}</Typography.Text>
      ) : (
        visits.map((v) => (
          <div key={v.order_id} data-testid={`board-visit-${v.number}`} style={{ minWidth: 0 }}>
            <Typography.Text strong data-testid="board-visit-time">
              {inZone(v.visit_at, tz, 'HH:mm')}
            </Typography.Text>{' '}
            <Link to={link(v.order_id)}>{v.number}</Link>
            {v.visited && (
              <Typography.Text type="success" style={{ marginInlineStart: 4 }}>
                <CheckCircleOutlined /> {t('dispatch.board.visited')}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" ellipsis={{ tooltip: v.customer_name }} style={{ display: 'block', maxWidth: '100%' }}>
              {v.customer_name}
            </Typography.Text>
          </div>
        ))
      )}
    </Flex>
  );
}

type Waiting = DispatchBoard['unassigned'][number];

function Unassigned({ board, onDispatch }: { board: DispatchBoard; onDispatch?: (order: Waiting) => void }) {
  const { t } = useI18n();
  const n = board.unassigned.length;
  return (
    <Card
      size="small"
      title={t('dispatch.board.unassigned', { n: board.unassigned_more ? `${n}+` : n })}
      style={{ marginBottom: 16 }}
      data-testid="board-unassigned"
    >
      {n === 0 ? (
        <Typography.Text type="secondary">{t('dispatch.board.noUnassigned')}</Typography.Text>
      ) : (
        <Flex wrap gap={12}>
          {board.unassigned.map((o) => (
            <Flex key={o.order_id} gap={4} align="center" data-testid={`board-unassigned-${o.number}`} style={{ maxWidth: 360, minWidth: 0 }}>
              <Link to={link(o.order_id)}>{o.number}</Link>
              {o.priority === 'urgent' && <PriorityTag priority={o.priority} />}
              <Typography.Text type="secondary" ellipsis={{ tooltip: o.customer_name }}>
                {o.customer_name}
              </Typography.Text>
              {onDispatch && (
                <Button size="small" onClick={() => onDispatch(o)} data-testid={`board-dispatch-${o.number}`}>
                  {t('dispatch.board.dispatch')}
                </Button>
              )}
            </Flex>
          ))}
          {board.unassigned_more && <Typography.Text type="secondary">{t('dispatch.board.unassignedMore', { n })}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}

/**
 * 派工看板: the outlet's technicians with the jobs in their hands (most urgent first) and the
 * visits agreed for today and tomorrow, in the outlet's time zone; the orders waiting for
 * dispatch above. Head office picks the outlet.
 */
export default function DispatchBoardPage() {
  const { t } = useI18n();
  const can = useCan();
  const anyOutlet = can('directory.all_outlets');
  // the order being dispatched from the board, in the URL (a link can open it: ?dispatch=<id>)
  const [search, setSearch] = useSearchParams();
  const dispatching = search.get('dispatch');
  const setDispatching = (orderId: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (orderId) next.set('dispatch', orderId);
        else next.delete('dispatch');
        return next;
      },
      { replace: true },
    );
  const outlets = useOutlets(anyOutlet);
  const { setParam, outlet } = useOutletParam(anyOutlet, outlets);
  const ready = !anyOutlet || Boolean(outlet);
  // Keyed by outlet: an answer for an earlier choice is never shown for this one.
  const { data, error, isFetching, refetch } = useDispatchBoard(outlet, ready);
  // the outlet's zone, from the answer (the rows, the only users, exist only with one)
  const tz = data?.timezone ?? '';
  // what a reader recognises: "UTC+08:00", not the IANA code
  const offset = data ? `UTC${inZone(data.now, data.timezone, 'Z')}` : null;
  const day = (date: string | undefined) => (date ? dayjs(date).format('MM-DD') : '');

  const columns: TableColumnsType<BoardTechnician> = [
    { title: t('dispatch.board.technician'), key: 'technician', width: 180, ellipsis: false, render: (_: unknown, r) => <Technician tech={r} /> },
    {
      title: t('dispatch.board.openJobs'),
      key: 'jobs',
      ellipsis: false,
      render: (_: unknown, r) => (
        <Flex gap={8} align="flex-start">
          <Typography.Text strong data-testid="board-open-jobs" style={{ minWidth: 20 }}>
            {r.open_jobs}
          </Typography.Text>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Jobs tech={r} tz={tz} />
          </div>
        </Flex>
      ),
    },
    {
      title: t('dispatch.board.today', { date: day(data?.today) }),
      key: 'today',
      width: 230,
      ellipsis: false,
      render: (_: unknown, r) => <Visits visits={r.today} tz={tz} testId="board-today" />,
    },
    {
      title: t('dispatch.board.tomorrow', { date: day(data?.tomorrow) }),
      key: 'tomorrow',
      width: 230,
      ellipsis: false,
      render: (_: unknown, r) => <Visits visits={r.tomorrow} tz={tz} testId="board-tomorrow" />,
    },
  ];

  return (
    <div>
      <PageHeader title={t('dispatch.board.title')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="board-outlet" />}
        <RefreshButton label={t('dispatch.board.refresh')} loading={isFetching} onClick={() => void refetch()} testId="board-refresh" />
      </PageHeader>
      {data && (
        <Typography.Paragraph type="secondary" data-testid="board-hint">
          {t('dispatch.board.hint', { tz: offset ?? '' })} · {t('dispatch.board.updated', { time: inZone(data.now, tz, 'HH:mm') })}
        </Typography.Paragraph>
      )}
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : (
        <>
          {data && <Unassigned board={data} onDispatch={can('orders.action.dispatch') ? (o) => setDispatching(o.order_id) : undefined} />}
          <ResponsiveTable<BoardTechnician>
            items={data?.technicians ?? []}
            rowKey="username"
            loading={!data && ready}
            error={data ? error : undefined}
            onRetry={() => void refetch()}
            retrying={isFetching}
            empty={t('dispatch.board.empty')}
            columns={columns}
            tableId="dispatch-board"
            testId="board-table"
            onRow={(r) => ({ 'data-testid': `board-row-${r.username}` })}
            renderCard={(r) => (
              <Card size="small" data-testid={`board-row-${r.username}`} style={{ width: '100%' }}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Technician tech={r} />
                  <Typography.Text strong data-testid="board-open-jobs">
                    {r.open_jobs}
                  </Typography.Text>
                </Flex>
                <div style={{ marginTop: 8 }}>
                  <Jobs tech={r} tz={tz} />
                </div>
                <Flex gap={12} style={{ marginTop: 8 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text type="secondary">{t('dispatch.board.today', { date: day(data?.today) })}</Typography.Text>
                    <Visits visits={r.today} tz={tz} testId="board-today" />
                  </div>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text type="secondary">{t('dispatch.board.tomorrow', { date: day(data?.tomorrow) })}</Typography.Text>
                    <Visits visits={r.tomorrow} tz={tz} testId="board-tomorrow" />
                  </div>
                </Flex>
              </Card>
            )}
          />
        </>
      )}
      <DispatchDrawer orderId={dispatching} onClose={() => setDispatching(null)} />
    </div>
  );
}
