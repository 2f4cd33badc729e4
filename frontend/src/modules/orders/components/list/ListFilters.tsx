import { DatePicker, Flex, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { ORDER_STATES, PRIORITIES, type Outlet, type Staff } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { pickerToDate } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import type { ListQuery } from './useListQuery';
import { OrderSearch } from './OrderSearch';

interface Props {
  query: ListQuery;
  update: (patch: Partial<ListQuery>) => void;
  /** Head office only: the outlets to choose from. */
  outlets: Outlet[] | null;
  /** The technicians to filter by (head office without an outlet: every outlet's). */
  technicians: Staff[];
}

export function ListFilters({ query, update, outlets, technicians }: Props) {
  const { t, te, lang } = useI18n();
  const isMobile = useIsMobile();
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null];
  const outletName = (code: string) => {
    const found = outlets?.find((o) => o.code === code);
    return found ? (lang === 'zh-CN' ? found.name : found.name_en || found.name) : code;
  };
  // the whole network: a technician is named with their outlet
  const network = Boolean(outlets) && !query.outlet;

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      {outlets && (
        <Select
          data-testid="filter-outlet"
          style={{ minWidth: 160 }}
          allowClear
          placeholder={t('list.allOutlets')}
          value={query.outlet}
          onChange={(outlet?: string) => update({ outlet, technician: undefined, customer: undefined, cname: undefined })}
          options={outlets.filter((o) => !o.is_head_office).map((o) => ({ value: o.code, label: outletName(o.code) }))}
        />
      )}
      <OrderSearch q={query.q} onSearch={(q) => update({ q, number: undefined, customer: undefined, cname: undefined })} />
      <Select
        data-testid="filter-state"
        allowClear
        style={{ minWidth: 130 }}
        placeholder={t('list.state')}
        value={query.state}
        onChange={(state) => update({ state })}
        options={ORDER_STATES.map((s) => ({ value: s, label: te('state', s) }))}
      />
      <Select
        data-testid="filter-priority"
        allowClear
        style={{ minWidth: 110 }}
        placeholder={t('list.priority')}
        value={query.priority}
        onChange={(priority) => update({ priority })}
        options={PRIORITIES.map((p) => ({ value: p, label: te('priority', p) }))}
      />
      <Select
        data-testid="filter-technician"
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 140 }}
        placeholder={t('list.technician')}
        value={query.technician}
        onChange={(technician) => update({ technician })}
        options={technicians.map((s) => ({ value: s.username, label: network ? `${s.name} · ${outletName(s.outlet)}` : s.name }))}
      />
      {isMobile ? (
        <Flex gap={8} style={{ width: '100%' }}>
          <DateTimeInput withTime={false} value={query.from ? dayjs(query.from) : null} onChange={(d) => update({ from: d ? pickerToDate(d) : undefined })} data-testid="filter-from" />
          <DateTimeInput withTime={false} value={query.to ? dayjs(query.to) : null} onChange={(d) => update({ to: d ? pickerToDate(d) : undefined })} data-testid="filter-to" />
        </Flex>
      ) : (
        <DatePicker.RangePicker
          data-testid="filter-dates"
          value={range}
          allowEmpty={[true, true]}
          onChange={(dates) =>
            update({ from: dates?.[0] ? pickerToDate(dates[0]) : undefined, to: dates?.[1] ? pickerToDate(dates[1]) : undefined })
          }
          style={{ maxWidth: 280 }}
        />
      )}
      {query.customer && (
        <Tag closable color="blue" data-testid="filter-customer" onClose={() => update({ customer: undefined, cname: undefined })} style={{ alignSelf: 'center' }}>
          {t('list.filterCustomer', { name: query.cname ?? query.customer })}
        </Tag>
      )}
    </Flex>
  );
}
