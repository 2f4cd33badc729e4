import { acceptLanguage } from '../i18n';
import { getIdToken, getSession, requireSecondFactor, sessionEpoch, setSecondFactor, setSession } from './session';
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
  ChallengeAnswer,
  ChallengeName,
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
  LoginResult,
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
  TotpSetup,
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

/** Sent with login, challenge, refresh and logout: a header no cross-site form can send (the
 * API requires it, so that no other site can sign this browser in or out). */
const SESSION_HEADER = { 'X-Fuwu-Session': '1' };

async function send(url: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
}

/** `signed_out`: the refresh cookie was refused (missing, expired, revoked) and the session is
 * cleared; `unavailable`: no answer (offline, a 5xx, 503 when Cognito fails, 429 when it
 * throttles), the session stays for a later try. */
export type RefreshOutcome = 'ok' | 'signed_out' | 'unavailable';

let refreshing: Promise<RefreshOutcome> | null = null;

/**
 * A new ID token through the refresh cookie (HttpOnly: the browser sends it, scripts never see
 * it); one refresh at a time. Also run once as the page starts, before the first API call.
 */
export function refreshSession(): Promise<RefreshOutcome> {
  refreshing ??= (async (): Promise<RefreshOutcome> => {
    const started = sessionEpoch();
    const response = await send('/api/auth/refresh', { method: 'POST', headers: SESSION_HEADER }, null);
    // Signed in or out meanwhile (this tab or another): that newer state stands.
    if (sessionEpoch() !== started) return getIdToken() ? 'ok' : 'signed_out';
    if (response.status === 401) {
      setSession(null);
      return 'signed_out';
    }
    if (!response.ok) return 'unavailable';
    const fresh = (await response.json()) as RefreshResponse;
    startSignedIn(fresh);
    return 'ok';
  })()
    .catch((): RefreshOutcome => 'unavailable')
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** After a page load: an ID token for the stored user, fetched before the first API call. */
export function startSession(): Promise<RefreshOutcome> | null {
  return getSession() && !getIdToken() ? refreshSession() : null;
}

/** The ID token to send: the one in memory, or a new one when it is missing or about to expire. */
async function bearer(): Promise<string | null> {
  if (!getSession()) return null;
  if (!getIdToken()) await refreshSession();
  return getIdToken();
}

/**
 * The one fetch wrapper: bearer token, Accept-Language, JSON, the error envelope as ApiError.
 * A 401 gets one token refresh and retry; if that fails the session is cleared, which sends the
 * route guard to /login.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  const auth = options.auth !== false;
  let response = await send(url, options, auth ? await bearer() : null);
  if (response.status === 401 && auth && getSession()) {
    const outcome = await refreshSession();
    if (outcome === 'ok') response = await send(url, options, getIdToken());
    // A new token refused too: the session is of no use. No answer from refresh: keep it.
    if (response.status === 401 && outcome === 'ok') setSession(null);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // Head office without TOTP: the API serves only /api/me and /api/auth/* until it is on.
    if (error.status === 403 && error.code === 'mfa_required') requireSecondFactor();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---- auth -----------------------------------------------------------------------------------

function startSignedIn(answer: LoginResponse) {
  setSession({
    user: answer.user,
    idToken: answer.id_token,
    expiresIn: answer.expires_in,
    mfa: answer.mfa,
    mfaRequired: answer.mfa_required,
  });
}

/** Where a sign-in stands: done (the session is set), or a step Cognito asks for first. */
export type SignInStep =
  | { kind: 'signed_in'; user: Me; mfaRequired: boolean }
  | { kind: 'challenge'; challenge: ChallengeName; session: string };

function signInStep(result: LoginResult): SignInStep {
  if ('challenge' in result && result.challenge) return { kind: 'challenge', challenge: result.challenge, session: result.session };
  const signedIn = result as LoginResponse;
  startSignedIn(signedIn);
  return { kind: 'signed_in', user: signedIn.user, mfaRequired: signedIn.mfa_required };
}

/** Signs in; the API sets the refresh cookie, the ID token stays in memory. Cognito may ask for
 * a TOTP code or a new password first: answer with `answerChallenge`. */
export async function login(username: string, password: string): Promise<SignInStep> {
  const result = await request<LoginResult>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    headers: SESSION_HEADER,
    auth: false,
  });
  return signInStep(result);
}

/** The TOTP code or the new password a sign-in asked for. 401 `invalid_code`: try another code
 * with the same session; 401 `unauthenticated`: the session expired, sign in again. */
export async function answerChallenge(answer: ChallengeAnswer): Promise<SignInStep> {
  const result = await request<LoginResult>('/api/auth/challenge', { method: 'POST', body: answer, headers: SESSION_HEADER, auth: false });
  return signInStep(result);
}

/** A new authenticator secret for the signed-in user (the API uses the refresh cookie). When
 * TOTP is on already, `currentCode` is a code of the authenticator in force: the API refuses to
 * replace it without one (400 naming `code`, or `invalid_code` when wrong). */
export const startTotpSetup = (currentCode?: string) =>
  request<TotpSetup>('/api/auth/mfa/setup', { method: 'POST', body: currentCode ? { code: currentCode } : {} });

/** Checks a code of the new authenticator: from then on every sign-in asks for one. */
export async function verifyTotp(code: string): Promise<void> {
  const result = await request<{ mfa: 'totp' }>('/api/auth/mfa/verify', { method: 'POST', body: { code } });
  setSecondFactor(result.mfa);
}

/** Signs out: the API revokes the refresh token and clears its cookie; then memory is cleared
 * (after the answer, so that a quick new login cannot lose its cookie to this logout). */
export async function logout(): Promise<void> {
  try {
    await send('/api/auth/logout', { method: 'POST', headers: SESSION_HEADER }, null);
  } catch {
    // Offline: the cookie stays until it expires or the next logout; this tab forgets anyway.
  }
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
