import createClient, { type Middleware } from 'openapi-fetch';
import { acceptLanguage } from '../i18n';
import type { paths } from './schema';
import { getIdToken, getSession, requireSecondFactor, sessionEpoch, setSecondFactor, setSession } from './session';
import type {
  ActionName,
  ActionRequest,
  Attachment,
  AcknowledgeBody,
  AcknowledgeResult,
  AtRiskResponse,
  CalendarDayOverride,
  DispatchBoard,
  DispatchCandidates,
  MyJobsTab,
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
  NewAttachment,
  NewAttachmentResponse,
  NewCustomer,
  NewExport,
  NewWorkOrder,
  Notification,
  Outlet,
  Page,
  Policy,
  PolicyResponse,
  Preferences,
  PreferencesChange,
  RefreshResponse,
  Report,
  Role,
  Staff,
  TotpSetup,
  WorkOrder,
  WorkOrderDetail,
  WorkOrderFilters,
  WorkOrderPage,
  WorkOrderRowPage,
} from './types';

/*
 * Every API call goes through `api`, an openapi-fetch client typed by the generated schema
 * (paths, parameters, bodies and answers of the document the API serves), with one middleware
 * for the session: the bearer token and Accept-Language, one token refresh and retry on a 401,
 * and every error answer turned into an ApiError (thrown: a call that returns has succeeded).
 * Uploads to S3 (presigned POST) and file downloads are not API calls and do not come here.
 */

/** An error answer of the API (or a network failure, status 0, code `network_error`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** With 409 `stale_version`: the order as it is now. */
  readonly current?: WorkOrder;
  /** With a server error: the request's id (the envelope's, else the X-Correlation-Id header), to quote. */
  readonly requestId?: string;
  /** The envelope's `error.details`: what the refusal is about, as data (a 409
   * `skill_insufficient`: the technician and the problems), for the screen that explains it. */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    current?: WorkOrder,
    requestId?: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
    this.requestId = requestId;
    this.details = details;
  }
}

/** The error's `details` (what the refusal is about, as data). */
function detailsOf(envelope: Partial<ErrorEnvelope>): Record<string, unknown> {
  const details = (envelope.error as { details?: unknown } | undefined)?.details;
  return details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
}

async function toApiError(response: Response): Promise<ApiError> {
  let envelope: Partial<ErrorEnvelope> = {};
  try {
    envelope = (await response.json()) as ErrorEnvelope;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status text below.
  }
  const error = envelope.error;
  const requestId = response.status >= 500 ? (error?.request_id ?? response.headers.get('X-Correlation-Id') ?? undefined) : undefined;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.fields ?? {},
    (envelope.current ?? undefined) as WorkOrder | undefined,
    requestId,
    detailsOf(envelope),
  );
}

type QueryValue = string | number | boolean | undefined | null;

/** Query strings as the API reads them: no empty values, `true` as `1`, `false` left out. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  Object.entries(query).forEach(([key, value]) => {
    if (value === undefined || value === null || value === '' || value === false) return;
    params.set(key, value === true ? '1' : String(value as QueryValue));
  });
  return params.toString();
}

/** The session routes: sent with a header no cross-site form can send (the API requires it, so
 * that no other site can sign this browser in or out: `SESSION`, a required parameter of each in
 * the generated types), never with the bearer token, and a 401 from them is an answer, not an
 * expired session. */
const SESSION_ROUTES = new Set(['/api/auth/login', '/api/auth/challenge', '/api/auth/refresh', '/api/auth/logout']);
const SESSION = { header: { 'X-Fuwu-Session': '1' } } as const;

/** A copy of each request sent with a token, kept until its answer, to send again once after a
 * token refresh (a request's body can be read only once). */
const retries = new Map<string, Request>();

async function resend(fetcher: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  try {
    return await fetcher(request);
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
}

/**
 * The one middleware: bearer token, Accept-Language, JSON, the error envelope as ApiError.
 * A 401 gets one token refresh and retry; if the new token is refused too the session is
 * cleared, which sends the route guard to /login.
 */
const sessionMiddleware: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    request.headers.set('Accept', 'application/json');
    request.headers.set('Accept-Language', acceptLanguage());
    if (SESSION_ROUTES.has(schemaPath)) return request;
    const token = await bearer();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    retries.set(id, request.clone());
    return request;
  },

  async onResponse({ response, id, options }) {
    const copy = retries.get(id);
    retries.delete(id);
    let answer = response;
    if (answer.status === 401 && copy && getSession()) {
      const outcome = await refreshSession();
      if (outcome === 'ok') {
        const token = getIdToken();
        if (token) copy.headers.set('Authorization', `Bearer ${token}`);
        else copy.headers.delete('Authorization');
        answer = await resend(options.fetch, copy);
      }
      // A new token refused too: the session is of no use. No answer from refresh: keep it.
      if (answer.status === 401 && outcome === 'ok') setSession(null);
    }
    if (!answer.ok) {
      const error = await toApiError(answer);
      // Head office without TOTP: the API serves only /api/me and /api/auth/* until it is on.
      if (error.status === 403 && error.code === 'mfa_required') requireSecondFactor();
      throw error;
    }
    return answer;
  },

  onError({ error, id }) {
    retries.delete(id);
    return error instanceof ApiError ? error : new ApiError(0, 'network_error', '');
  },
};

/** The typed client of the API (paths, parameters, bodies and answers from the generated
 * schema). Every error answer is thrown as an ApiError, so `data` is the success answer. */
export const api = createClient<paths>({
  credentials: 'same-origin',
  querySerializer: serializeQuery,
  // Looked up at each call (not captured once), like a plain `fetch(...)` would be.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

/**
 * The success answer of a call through `api` (its errors are thrown by the middleware) as the
 * SPA's type T: `answer<T>()(api.GET(…))`. T must be the generated answer or a refinement of it
 * (types.ts), i.e. assignable to it; anything else is a compile error at the call.
 */
function answer<T>() {
  return async <D>(call: Promise<{ data?: D }>, ..._refines: [T] extends [D] ? [] : ['not the answer of this call']): Promise<T> =>
    (await call).data as T;
}

// ---- session ------------------------------------------------------------------------------------

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
    let fresh: RefreshResponse | undefined;
    let status = 200;
    try {
      fresh = await answer<RefreshResponse>()(api.POST('/api/auth/refresh', { params: SESSION }));
    } catch (error) {
      // No answer at all: nothing is known, the session stays (below, `unavailable`).
      if (!(error instanceof ApiError) || error.status === 0) throw error;
      status = error.status;
    }
    // Signed in or out meanwhile (this tab or another): that newer state stands.
    if (sessionEpoch() !== started) return getIdToken() ? 'ok' : 'signed_out';
    if (status === 401) {
      setSession(null);
      return 'signed_out';
    }
    if (!fresh) return 'unavailable';
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

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A call by path and method, untyped: for an address the functions below do not cover yet.
 * Prefer a typed function (or `api` itself), which the generated schema checks. Goes through
 * the same middleware as every other call.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const call = api.request as unknown as (
    method: string,
    url: string,
    init: { params?: { query?: Record<string, QueryValue> }; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{ data?: unknown }>;
  return answer<T>()(call((options.method ?? 'GET').toLowerCase(), path, { params: { query: options.query }, body: options.body, headers: options.headers }));
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
  const result = await answer<LoginResult>()(api.POST('/api/auth/login', { params: SESSION, body: { username, password } }));
  return signInStep(result);
}

/** The TOTP code or the new password a sign-in asked for. 401 `invalid_code`: try another code
 * with the same session; 401 `unauthenticated`: the session expired, sign in again. */
export async function answerChallenge(challengeAnswer: ChallengeAnswer): Promise<SignInStep> {
  const result = await answer<LoginResult>()(api.POST('/api/auth/challenge', { params: SESSION, body: challengeAnswer }));
  return signInStep(result);
}

/** A new authenticator secret for the signed-in user (the API uses the refresh cookie). When
 * TOTP is on already, `currentCode` is a code of the authenticator in force: the API refuses to
 * replace it without one (400 naming `code`, or `invalid_code` when wrong). */
export const startTotpSetup = (currentCode?: string) =>
  answer<TotpSetup>()(api.POST('/api/auth/mfa/setup', { body: currentCode ? { code: currentCode } : {} }));

/** Checks a code of the new authenticator: from then on every sign-in asks for one. */
export async function verifyTotp(code: string): Promise<void> {
  const { data } = await api.POST('/api/auth/mfa/verify', { body: { code } });
  setSecondFactor(data!.mfa);
}

/** Signs out: the API revokes the refresh token and clears its cookie; then memory is cleared
 * (after the answer, so that a quick new login cannot lose its cookie to this logout). */
export async function logout(): Promise<void> {
  try {
    await api.POST('/api/auth/logout', { params: SESSION });
  } catch {
    // Offline (or refused): the cookie stays until it expires or the next logout; this tab forgets anyway.
  }
  setSession(null);
}

/** The signed-in user as the staff directory says now. */
export const getMe = () => answer<Me>()(api.GET('/api/me'));

/** How the signed-in user wants work notices (e-mail on/off, language). */
export const getPreferences = () => answer<Preferences>()(api.GET('/api/me/preferences'));

/** Changes the user's own notice preferences; 409 when they changed since `version`. */
export const updatePreferences = (body: PreferencesChange) => answer<Preferences>()(api.PATCH('/api/me/preferences', { body }));

// ---- outlets and staff --------------------------------------------------------------------------

export const listOutlets = () => answer<Items<Outlet>>()(api.GET('/api/outlets'));

export const listStaff = (query: { role?: Role; outlet?: string } = {}) => answer<Items<Staff>>()(api.GET('/api/staff', { params: { query } }));

// ---- customers ----------------------------------------------------------------------------------

export const searchCustomers = (query: { q: string; outlet?: string; limit?: number; cursor?: string }) =>
  answer<Page<Customer>>()(api.GET('/api/customers', { params: { query } }));

export const createCustomer = (body: NewCustomer, idempotencyKey: string) =>
  answer<CustomerDetail>()(api.POST('/api/customers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));

export const getCustomer = (id: string) => answer<CustomerDetail>()(api.GET('/api/customers/{customer_id}', { params: { path: { customer_id: id } } }));

// ---- work orders --------------------------------------------------------------------------------

export const listWorkOrders = ({ mine, ...filters }: WorkOrderFilters) =>
  answer<WorkOrderRowPage>()(api.GET('/api/work-orders', { params: { query: { ...filters, mine: mine ? '1' : undefined } } }));

/** The technician's jobs: `active` (every job in their hands, most urgent first) or `finished`. */
export const listMyJobs = (tab: MyJobsTab, cursor?: string) =>
  answer<WorkOrderPage>()(api.GET('/api/my-jobs', { params: { query: { tab, cursor } } }));

/** The outlet's technicians for dispatching (or reassigning) an order, most suitable first. */
export const getDispatchCandidates = (orderId: string) =>
  answer<DispatchCandidates>()(api.GET('/api/work-orders/{order_id}/dispatch-candidates', { params: { path: { order_id: orderId } } }));

/** An outlet's technicians with their open jobs and today's and tomorrow's visits. */
export const getDispatchBoard = (outlet?: string) => answer<DispatchBoard>()(api.GET('/api/dispatch-board', { params: { query: { outlet } } }));

/** The unfinished orders of a customer, or of one of its sites or units (the intake's duplicate warning). */
export const listOpenWorkOrders = (query: { customer: string; site?: string; equipment?: string }) =>
  answer<Items<WorkOrder>>()(api.GET('/api/work-orders/open', { params: { query } }));

export const createWorkOrder = (body: NewWorkOrder, idempotencyKey: string) =>
  answer<WorkOrderDetail>()(api.POST('/api/work-orders', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));

export const getWorkOrder = (id: string) => answer<WorkOrderDetail>()(api.GET('/api/work-orders/{order_id}', { params: { path: { order_id: id } } }));

export const postAction = (id: string, action: ActionName, body: ActionRequest) =>
  answer<WorkOrderDetail>()(api.POST('/api/work-orders/{order_id}/actions/{action}', { params: { path: { order_id: id, action } }, body }));

// ---- field evidence -----------------------------------------------------------------------------

/** Asks for an upload slot (a presigned S3 POST) for one file. */
export const createAttachment = (orderId: string, body: NewAttachment) =>
  answer<NewAttachmentResponse>()(api.POST('/api/work-orders/{order_id}/attachments', { params: { path: { order_id: orderId } }, body }));

/** After the upload: the server checks the bytes (400 upload_rejected, 409 upload_not_found). */
export const confirmAttachment = (orderId: string, attachmentId: string) =>
  answer<Attachment>()(
    api.POST('/api/work-orders/{order_id}/attachments/{attachment_id}/confirm', { params: { path: { order_id: orderId, attachment_id: attachmentId } } }),
  );

export const listAttachments = (orderId: string) =>
  answer<Items<Attachment>>()(api.GET('/api/work-orders/{order_id}/attachments', { params: { path: { order_id: orderId } } }));

/** One attachment with fresh URLs. */
export const getAttachment = (orderId: string, attachmentId: string) =>
  answer<Attachment>()(api.GET('/api/work-orders/{order_id}/attachments/{attachment_id}', { params: { path: { order_id: orderId, attachment_id: attachmentId } } }));

/** One service report version with a fresh URL. */
export const getReport = (orderId: string, version: number) =>
  answer<Report>()(api.GET('/api/work-orders/{order_id}/reports/{version}', { params: { path: { order_id: orderId, version } } }));

export const getLifecycle = () => answer<Lifecycle>()(api.GET('/api/lifecycle'));

// ---- SLA (docs/sla.md) --------------------------------------------------------------------------

export const getAtRisk = (query: { outlet?: string; horizon_hours?: number }) =>
  answer<AtRiskResponse>()(api.GET('/api/sla/at-risk', { params: { query } }));

/** A manager acknowledges a clock's breach with a note (409 when the board was stale). */
export const acknowledgeBreach = (body: AcknowledgeBody) =>
  answer<AcknowledgeResult>()(api.POST('/api/sla/acknowledgements', { body }));

export const listNotifications = ({ unread, ...query }: { unread?: boolean; limit?: number; cursor?: string } = {}) =>
  answer<Page<Notification>>()(api.GET('/api/notifications', { params: { query: { ...query, unread: unread ? '1' : undefined } } }));

export const getUnreadCount = () => answer<{ count: number }>()(api.GET('/api/notifications/unread-count'));

export const markNotificationRead = (id: string) =>
  answer<Notification>()(api.POST('/api/notifications/{notification_id}/read', { params: { path: { notification_id: id } } }));

export const markAllNotificationsRead = () => answer<{ count: number }>()(api.POST('/api/notifications/read-all'));

/** No outlet: the network policy only (override null). */
export const getPolicy = (outlet?: string) => answer<PolicyResponse>()(api.GET('/api/sla/policy', { params: { query: { outlet } } }));

export const putNetworkPolicy = (version: number, policy: Policy) =>
  answer<PolicyResponse>()(api.PUT('/api/sla/policy', { body: { version, policy } }));

/** `policy` null removes the outlet's override (the outlet follows the network policy). */
export const putOutletPolicy = (outlet: string, version: number | null, policy: Policy | null) =>
  answer<PolicyResponse>()(api.PUT('/api/sla/policy/outlets/{code}', { params: { path: { code: outlet } }, body: { version, policy } }));

export const getCalendar = (year: number, outlet?: string) => answer<CalendarYear>()(api.GET('/api/sla/calendar', { params: { query: { year, outlet } } }));

export const putCalendarDay = (date: string, body: { working: boolean; reason: string }) =>
  answer<CalendarDayOverride>()(api.PUT('/api/sla/calendar/days/{day}', { params: { path: { day: date } }, body }));

/** Answers the date as it is without the override. */
export const deleteCalendarDay = (date: string) =>
  answer<CalendarDayOverride>()(api.DELETE('/api/sla/calendar/days/{day}', { params: { path: { day: date } } }));

/** Answers the year as it is now. */
export const putCalendarYear = (year: number, confirmed: boolean) =>
  answer<CalendarYear>()(api.PUT('/api/sla/calendar/years/{year}', { params: { path: { year } }, body: { confirmed } }));

/** Answers the outlet's calendar of the current year with the new hours. */
export const putWorkingHours = (outlet: string, hours: { start: string; end: string }) =>
  answer<CalendarYear>()(api.PUT('/api/outlets/{code}/working-hours', { params: { path: { code: outlet } }, body: hours }));

// ---- KPI, exports, monthly reports (docs/kpi.md) ------------------------------------------------

/** `scope` omitted: a manager's own outlet, head office's network. Months are `YYYY-MM`. */
export const getKpiSummary = (query: { scope?: string; from: string; to: string }) =>
  answer<KpiSummary>()(api.GET('/api/kpi/summary', { params: { query } }));

/** The orders behind a KPI number. */
export const getKpiOrders = (query: KpiOrdersQuery) => answer<Items<KpiOrder>>()(api.GET('/api/kpi/orders', { params: { query } }));

export const createExport = (body: NewExport) => answer<ExportJob>()(api.POST('/api/exports', { body }));

/** The caller's export jobs, newest first. */
export const listExports = () => answer<Items<ExportJob>>()(api.GET('/api/exports'));

/** One job; when done, with a fresh download URL. */
export const getExport = (id: string) => answer<ExportJob>()(api.GET('/api/exports/{export_id}', { params: { path: { export_id: id } } }));

/** Re-queues a failed or stuck job (one in progress comes back unchanged; a finished one is 409). */
export const retryExport = (id: string) => answer<ExportJob>()(api.POST('/api/exports/{export_id}/retry', { params: { path: { export_id: id } } }));

export const listMonthlyReports = (year: number) => answer<Items<MonthlyReport>>()(api.GET('/api/monthly-reports', { params: { query: { year } } }));

/** Head office: rebuilds the reports of one month (`YYYY-MM`) now. */
export const runMonthlyReports = (month: string) =>
  answer<Items<MonthlyReport>>()(api.POST('/api/monthly-reports/{month}/run', { params: { path: { month } } }));
