import { useLayoutEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Segmented, Switch, Table, Tag, TimePicker, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../../api/session';
import type { CalendarDay } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { useFormErrorHandler, useShowError } from '../../../utils/errors';
import { periodReason } from '../../../utils/sla';
import { DISPLAY_TZ, pickerToDate } from '../../../utils/time';
import { useIsMobile } from '../../../utils/useIsMobile';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';
import { useCalendar, useChangeCalendar, type CalendarChange } from '../queries';

const SOURCE_COLORS: Record<CalendarDay['source'], string> = { library: 'blue', override: 'purple', fallback: 'orange' };

interface OverrideValues {
  date?: Dayjs | null;
  working: boolean;
  reason?: string;
}

/** 工作日历: the year's holidays and adjusted working days, head-office overrides and working hours. */
export default function CalendarPage() {
  const me = useMe();
  const can = useCan();
  const i18n = useI18n();
  const { t, te, lang } = i18n;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useShowError();
  const handleFormError = useFormErrorHandler();
  const editor = can('sla.calendar.write');
  // Head office picks the outlet whose working hours it reads; everyone else sees their own.
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outletParam, outlet } = useOutletParam(anyOutlet, outlets);
  const thisYear = dayjs().tz(DISPLAY_TZ).year();
  const years = [thisYear - 1, thisYear, thisYear + 1];
  const year = years.includes(Number(params.get('year'))) ? Number(params.get('year')) : thisYear;
  const outletCode = anyOutlet ? outletParam : me.outlet;
  const ready = !anyOutlet || Boolean(outlet);
  // Keyed by year and outlet: an answer for an earlier choice is never shown for this one.
  const { data, isFetching: loading, error: loadError, refetch: loadAgain } = useCalendar(year, outlet, ready);
  const { mutateAsync: change } = useChangeCalendar();
  const [busy, setBusy] = useState<string | null>(null);
  const [hours, setHours] = useState<[Dayjs | null, Dayjs | null]>([null, null]);
  const [overrideForm] = Form.useForm<OverrideValues>();

  // The hours pickers start from the outlet's hours as read (again after a save), before the page is painted.
  useLayoutEffect(() => {
    if (data) setHours([dayjs(data.working_hours.start, 'HH:mm'), dayjs(data.working_hours.end, 'HH:mm')]);
  }, [data]);

  const run = async (key: string, what: CalendarChange, done: string) => {
    setBusy(key);
    try {
      await change(what);
      void message.success(done);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const addOverride = async (values: OverrideValues) => {
    if (!values.date) return;
    const date = pickerToDate(values.date);
    setBusy('override');
    try {
      await change({ kind: 'day', date, working: values.working, reason: (values.reason ?? '').trim() });
      void message.success(t('calendar.overrideSaved', { date }));
      overrideForm.resetFields();
      const dayYear = Number(date.slice(0, 4));
      if (dayYear !== year && years.includes(dayYear)) setParam('year', String(dayYear));
    } catch (err) {
      handleFormError(overrideForm, err);
    } finally {
      setBusy(null);
    }
  };

  const saveHours = () => {
    const [start, end] = hours;
    if (!outletCode || !start || !end) return;
    if (!start.isBefore(end)) {
      void message.error(t('calendar.hoursOrder'));
      return;
    }
    void run('hours', { kind: 'hours', outlet: outletCode, start: start.format('HH:mm'), end: end.format('HH:mm') }, t('calendar.hoursSaved'));
  };

  const dayReason = (d: CalendarDay) => periodReason(i18n, d);
  const columns: TableColumnsType<CalendarDay> = [
    { title: t('calendar.date'), dataIndex: 'date', key: 'date', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('calendar.weekday'), key: 'weekday', render: (_, d) => dayjs(d.date).locale(lang === 'zh-CN' ? 'zh-cn' : 'en').format('dddd') },
    {
      title: t('calendar.kind'),
      key: 'working',
      render: (_, d) => <Tag color={d.working ? 'green' : 'default'}>{d.working ? t('calendar.working') : t('calendar.nonWorking')}</Tag>,
    },
    { title: t('calendar.reason'), key: 'reason', render: (_, d) => dayReason(d) },
    { title: t('calendar.source'), key: 'source', render: (_, d) => <Tag color={SOURCE_COLORS[d.source]}>{te('daySource', d.source)}</Tag> },
  ];
  if (editor) {
    columns.push({
      title: '',
      key: 'ops',
      render: (_, d) =>
        d.source === 'override' ? (
          <Popconfirm
            title={t('calendar.deleteConfirm', { date: d.date })}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={() => run(`del-${d.date}`, { kind: 'removeDay', date: d.date }, t('calendar.overrideDeleted', { date: d.date }))}
          >
            <Button type="text" danger size="small" icon={<DeleteOutlined />} loading={busy === `del-${d.date}`} data-testid={`override-delete-${d.date}`}>
              {isMobile ? null : t('calendar.delete')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader title={t('calendar.title')}>
        {anyOutlet && <OutletSelect outlets={outlets} value={outlet} onChange={(code) => setParam('outlet', code)} testId="calendar-outlet" />}
        <Segmented<number> data-testid="calendar-year" value={year} onChange={(y) => setParam('year', String(y))} options={years.map((y) => ({ value: y, label: String(y) }))} />
      </PageHeader>
      {loadError ? <ErrorState error={loadError} onRetry={() => void loadAgain()} retrying={loading} compact={Boolean(data)} stale={Boolean(data)} /> : null}

      {data && !data.confirmed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-unconfirmed"
          message={t('calendar.unconfirmed', { year: data.year })}
          description={t('calendar.unconfirmedDetail')}
          action={
            editor ? (
              <Button size="small" type="primary" loading={busy === 'confirm'} data-testid="calendar-confirm-year" onClick={() => void run('confirm', { kind: 'year', year: data.year, confirmed: true }, t('calendar.confirmed', { year: data.year }))}>
                {t('calendar.confirmYear')}
              </Button>
            ) : undefined
          }
        />
      )}
      {data && data.confirmed && !data.library_covers && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-manual"
          message={t('calendar.manual', { year: data.year })}
          action={
            editor ? (
              <Button size="small" loading={busy === 'unconfirm'} data-testid="calendar-unconfirm-year" onClick={() => void run('unconfirm', { kind: 'year', year: data.year, confirmed: false }, t('calendar.unconfirmedSaved', { year: data.year }))}>
                {t('calendar.unconfirmYear')}
              </Button>
            ) : undefined
          }
        />
      )}

      <Card size="small" title={t('calendar.hours')} style={{ marginBottom: 16 }} data-testid="working-hours">
        {editor ? (
          <Flex wrap gap={8} align="center">
            <TimePicker format="HH:mm" minuteStep={5} value={hours[0]} onChange={(v) => setHours([v, hours[1]])} data-testid="working-hours-start" allowClear={false} />
            <span>–</span>
            <TimePicker format="HH:mm" minuteStep={5} value={hours[1]} onChange={(v) => setHours([hours[0], v])} data-testid="working-hours-end" allowClear={false} />
            <Typography.Text type="secondary">{data?.working_hours.timezone ?? DISPLAY_TZ}</Typography.Text>
            <Button type="primary" icon={<SaveOutlined />} loading={busy === 'hours'} disabled={!data || !outletCode} onClick={saveHours} data-testid="working-hours-save">
              {t('calendar.saveHours')}
            </Button>
          </Flex>
        ) : (
          <Typography.Text data-testid="working-hours-text">
            {data ? t('calendar.hoursValue', { start: data.working_hours.start, end: data.working_hours.end, tz: data.working_hours.timezone ?? DISPLAY_TZ }) : '-'}
          </Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary">{t('calendar.hoursHint')}</Typography.Text>
        </div>
      </Card>

      {editor && (
        <Card size="small" title={t('calendar.addOverride')} style={{ marginBottom: 16 }} data-testid="calendar-add-override">
          <Form<OverrideValues> form={overrideForm} layout={isMobile ? 'vertical' : 'inline'} initialValues={{ working: false }} onFinish={(v) => void addOverride(v)}>
            <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('common.required', { label: t('calendar.date') }) }]}>
              <DateTimeInput withTime={false} data-testid="override-date" />
            </Form.Item>
            <Form.Item name="working" label={t('calendar.isWorking')} valuePropName="checked">
              <Switch data-testid="override-working" checkedChildren={t('calendar.working')} unCheckedChildren={t('calendar.nonWorking')} />
            </Form.Item>
            <Form.Item name="reason" label={t('calendar.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('calendar.reason') }) }]}>
              <Input data-testid="override-reason" maxLength={100} style={{ minWidth: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy === 'override'} data-testid="override-submit">
                {t('calendar.saveOverride')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}

      <Card size="small" title={t('calendar.days', { year })} hidden={Boolean(loadError) && !data}>
        <Typography.Paragraph type="secondary">{t('calendar.daysHint')}</Typography.Paragraph>
        <Table<CalendarDay>
          size="small"
          rowKey="date"
          columns={columns}
          dataSource={data?.days ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(d) => ({ 'data-testid': `calendar-day-${d.date}`, 'data-source': d.source }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
    </div>
  );
}
