import dayjs, { type Dayjs } from 'dayjs';
import type { JsonSchema, WorkOrder } from '../../../../api/types';
import { isActiveClock } from '../../../../utils/sla';
import { isoToPicker, nowForPicker, pickerToDate, pickerToIso } from '../../../../utils/time';

type Values = Record<string, unknown>;

export const schemaType = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/** Datetime fields that record "when this happened", so they start at now. */
const NOW_FIELDS = new Set(['contacted_at', 'arrived_at']);

/** Start values of an action form: "now" for the moment fields, the current team when re-assigning, schema defaults. */
export function initialValues(schema: JsonSchema, order: WorkOrder): Values {
  const values: Values = {};
  // extend_clock: the clock still counting (the first one, when several are).
  const activeClock = order.clocks?.find(isActiveClock)?.name;
  Object.entries(schema.properties ?? {}).forEach(([key, prop]) => {
    if (NOW_FIELDS.has(key) && prop.format === 'date-time') values[key] = nowForPicker();
    else if (key === 'technician' && order.technician) values[key] = order.technician;
    else if (key === 'helpers' && order.helpers.length > 0) values[key] = order.helpers;
    else if (key === 'job_class' && order.job_class) values[key] = order.job_class;
    else if (key === 'clock' && prop.enum && activeClock && prop.enum.includes(activeClock)) values[key] = activeClock;
    else if (key === 'distance_km' && typeof order.distance_km === 'number') values[key] = order.distance_km;
    else if (prop.default !== undefined) values[key] = prop.format === 'date-time' && typeof prop.default === 'string' ? isoToPicker(prop.default) : prop.default;
  });
  return values;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && !dayjs.isDayjs(v) && Object.keys(v as object).length === 0);

/** One form value as the API wants it; undefined means "leave it out". */
function convert(value: unknown, schema: JsonSchema): unknown {
  if (dayjs.isDayjs(value)) return schema.format === 'date' ? pickerToDate(value as Dayjs) : pickerToIso(value as Dayjs);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) {
    const items = value.map((item) => convert(item, schema.items ?? {})).filter((item) => !isEmpty(item));
    return items.length > 0 ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out = toData(value as Values, schema);
    return isEmpty(out) ? undefined : out;
  }
  return isEmpty(value) ? undefined : value;
}

/** The action's `data` from the form values, guided by the schema; empty optional fields are left out. */
export function toData(values: Values, schema: JsonSchema): Values {
  const data: Values = {};
  Object.entries(values).forEach(([key, value]) => {
    const converted = convert(value, schema.properties?.[key] ?? {});
    if (converted !== undefined) data[key] = converted;
  });
  return data;
}
