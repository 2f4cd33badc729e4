import { acceptLanguage } from '../i18n';
import { getSession, setSession, type Session } from './session';
import type {
  ActionName,
  Attachment,
  NewAttachment,
  NewAttachmentResponse,
  Report,
  ActionRequest,
  AtRiskResponse,
  CalendarDay,
  CalendarYear,
  Customer,
  CustomerDetail,
  ErrorEnvelope,
  ExportJob,
  Items,
  KpiOrder,
  KpiOrdersQuery,
  KpiSummary,
  Lifecycle,
  LoginResponse,
  Me,
  MonthlyReport,
  NewCustomer,
  NewExport,
  NewWorkOrder,
  Notification,
  Outlet,
  Page,
  Policy,
  PolicyResponse,
  RefreshResponse,
  Role,
  Staff,
  WorkOrder,
  WorkOrderDetail,
  WorkOrderFilters,
  WorkingHours,
} from './types';

/** An error answer of the API (or a network failure, status 0, code `network_error`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** With 409 `stale_version`: the order as it is now. */
  readonly current?: WorkOrder;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, current?: WorkOrder) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
  }
}

type QueryValue = string | number | boolean | undefined | null;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the bearer token and treat a 401 as "session over" (default true). */
  auth?: boolean;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === '' || value === false) return;
    params.set(key, value === true ? '1' : String(value));
  });
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let envelope: Partial<ErrorEnvelope> = {};
  try {
    envelope = (await response.json()) as ErrorEnvelope;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status text below.
  }
  const error = envelope.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.fields ?? {},
    envelope.current,
  );
}

async function send(url: string, options: RequestOptions, session: Session | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.auth !== false && session) headers.Authorization = `Bearer ${session.idToken}`;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
}

let refreshing: Promise<Session | null> | null = null;

/** Trade the refresh token for new ID/access tokens; one refresh at a time. */
function refreshSession(session: Session): Promise<Session | null> {
  const refreshToken = session.refreshToken;
  if (!refreshToken) return Promise.resolve(null);
  refreshing ??= (async () => {
    const response = await send('/api/auth/refresh', { method: 'POST', body: { refresh_token: refreshToken }, auth: false }, null);
    if (!response.ok) return null;
    const fresh = (await response.json()) as RefreshResponse;
    const next: Session = { ...session, idToken: fresh.id_token, accessToken: fresh.access_token ?? null, user: fresh.user };
    setSession(next);
    return next;
  })()
    .catch(() => null)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * The one fetch wrapper: bearer token, Accept-Language, JSON, the error envelope as ApiError.
 * A 401 gets one token refresh and retry; if that fails the session is cleared, which sends the
 * route guard to /login.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  const session = options.auth === false ? null : getSession();
  let response = await send(url, options, session);
  if (response.status === 401 && options.auth !== false) {
    const refreshed = session ? await refreshSession(session) : null;
    if (refreshed) response = await send(url, options, refreshed);
    if (response.status === 401) setSession(null);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---- auth -----------------------------------------------------------------------------------

export async function login(username: string, password: string): Promise<Me> {
  const result = await request<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    auth: false,
  });
  setSession({
    idToken: result.id_token,
    accessToken: result.access_token ?? null,
    refreshToken: result.refresh_token ?? null,
    user: result.user,
  });
  return result.user;
}

export function logout() {
  setSession(null);
}

// ---- outlets and staff --------------------------------------------------------------------------

export const listOutlets = () => request<Items<Outlet>>('/api/outlets');

export const listStaff = (query: { role?: Role; outlet?: string } = {}) => request<Items<Staff>>('/api/staff', { query: { ...query } });

// ---- customers ----------------------------------------------------------------------------------

export const searchCustomers = (query: { q: string; outlet?: string; limit?: number; cursor?: string }) =>
  request<Page<Customer>>('/api/customers', { query: { ...query } });

export const createCustomer = (body: NewCustomer, idempotencyKey: string) =>
  request<CustomerDetail>('/api/customers', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const getCustomer = (id: string) => request<CustomerDetail>(`/api/customers/${encodeURIComponent(id)}`);

// ---- work orders --------------------------------------------------------------------------------

export const listWorkOrders = (filters: WorkOrderFilters) => request<Page<WorkOrder>>('/api/work-orders', { query: { ...filters } });

export const createWorkOrder = (body: NewWorkOrder, idempotencyKey: string) =>
  request<WorkOrderDetail>('/api/work-orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const getWorkOrder = (id: string) => request<WorkOrderDetail>(`/api/work-orders/${encodeURIComponent(id)}`);

export const postAction = (id: string, action: ActionName, body: ActionRequest) =>
  request<WorkOrderDetail>(`/api/work-orders/${encodeURIComponent(id)}/actions/${action}`, { method: 'POST', body });

// ---- field evidence -----------------------------------------------------------------------------

const orderPath = (id: string) => `/api/work-orders/${encodeURIComponent(id)}`;

/** Asks for an upload slot (a presigned S3 POST) for one file. */
export const createAttachment = (orderId: string, body: NewAttachment) =>
  request<NewAttachmentResponse>(`${orderPath(orderId)}/attachments`, { method: 'POST', body });

/** After the upload: the server checks the bytes (400 upload_rejected, 409 upload_not_found). */
export const confirmAttachment = (orderId: string, attachmentId: string) =>
  request<Attachment>(`${orderPath(orderId)}/attachments/${encodeURIComponent(attachmentId)}/confirm`, { method: 'POST' });

export const listAttachments = (orderId: string) => request<Items<Attachment>>(`${orderPath(orderId)}/attachments`);

/** One attachment with fresh URLs. */
export const getAttachment = (orderId: string, attachmentId: string) =>
  request<Attachment>(`${orderPath(orderId)}/attachments/${encodeURIComponent(attachmentId)}`);

/** One service report version with a fresh URL. */
export const getReport = (orderId: string, version: number) => request<Report>(`${orderPath(orderId)}/reports/${version}`);

export const getLifecycle = () => request<Lifecycle>('/api/lifecycle');

// ---- SLA (docs/sla.md) --------------------------------------------------------------------------

const seg = encodeURIComponent;

export const getAtRisk = (query: { outlet?: string; horizon_hours?: number }) =>
  request<AtRiskResponse>('/api/sla/at-risk', { query: { ...query } });

export const listNotifications = (query: { unread?: boolean; limit?: number; cursor?: string } = {}) =>
  request<Page<Notification>>('/api/notifications', { query: { ...query } });

export const getUnreadCount = () => request<{ count: number }>('/api/notifications/unread-count');

export const markNotificationRead = (id: string) => request<Notification>(`/api/notifications/${seg(id)}/read`, { method: 'POST' });

export const markAllNotificationsRead = () => request<{ count: number }>('/api/notifications/read-all', { method: 'POST' });

/** No outlet: the network policy only (override null). */
export const getPolicy = (outlet?: string) => request<PolicyResponse>('/api/sla/policy', { query: { outlet } });

export const putNetworkPolicy = (version: number, policy: Policy) =>
  request<PolicyResponse>('/api/sla/policy', { method: 'PUT', body: { version, policy } });

/** `policy` null removes the outlet's override (the outlet follows the network policy). */
export const putOutletPolicy = (outlet: string, version: number | null, policy: Policy | null) =>
  request<PolicyResponse>(`/api/sla/policy/outlets/${seg(outlet)}`, { method: 'PUT', body: { version, policy } });

export const getCalendar = (year: number, outlet?: string) => request<CalendarYear>('/api/sla/calendar', { query: { year, outlet } });

export const putCalendarDay = (date: string, body: { working: boolean; reason: string }) =>
  request<CalendarDay>(`/api/sla/calendar/days/${seg(date)}`, { method: 'PUT', body });

export const deleteCalendarDay = (date: string) => request<unknown>(`/api/sla/calendar/days/${seg(date)}`, { method: 'DELETE' });

export const putCalendarYear = (year: number, confirmed: boolean) =>
  request<unknown>(`/api/sla/calendar/years/${year}`, { method: 'PUT', body: { confirmed } });

export const putWorkingHours = (outlet: string, hours: { start: string; end: string }) =>
  request<WorkingHours>(`/api/outlets/${seg(outlet)}/working-hours`, { method: 'PUT', body: hours });

// ---- KPI, exports, monthly reports (docs/kpi.md) ------------------------------------------------

/** `scope` omitted: a manager's own outlet, head office's network. Months are `YYYY-MM`. */
export const getKpiSummary = (query: { scope?: string; from: string; to: string }) =>
  request<KpiSummary>('/api/kpi/summary', { query: { ...query } });

/** The orders behind a KPI number. */
export const getKpiOrders = (query: KpiOrdersQuery) => request<Items<KpiOrder>>('/api/kpi/orders', { query: { ...query } });

export const createExport = (body: NewExport) => request<ExportJob>('/api/exports', { method: 'POST', body });

/** The caller's export jobs, newest first. */
export const listExports = () => request<Items<ExportJob>>('/api/exports');

/** One job; when done, with a fresh download URL. */
export const getExport = (id: string) => request<ExportJob>(`/api/exports/${seg(id)}`);

export const listMonthlyReports = (year: number) => request<Items<MonthlyReport>>('/api/monthly-reports', { query: { year } });

/** Head office: rebuilds the reports of one month (`YYYY-MM`) now. */
export const runMonthlyReports = (month: string) =>
  request<Items<MonthlyReport>>(`/api/monthly-reports/${seg(month)}/run`, { method: 'POST' });
