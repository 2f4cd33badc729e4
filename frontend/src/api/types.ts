// Shapes of the Fuwu API v1, taken from the generated schema: `schema.d.ts` is made by
// openapi-typescript from `openapi.json`, the document the API serves at /api/openapi.json
// (`make api-types` writes both; docs/api.md). Times are ISO-8601 UTC strings.
//
// What stays written by hand here is the SPA's own: display orders of enum values, form values
// and filters, and the shape of the one field the schema leaves open on purpose that the SPA
// reads (an action's JSON Schema, `x-free-form` in the document). Such a refinement goes through
// `Shaped` below, which applies only while the schema is silent: once the API describes the
// field, the generated type is used and the refinement falls away.
import type { components, paths } from './schema';

type Schemas = components['schemas'];

// ---- reading the generated schema ---------------------------------------------------------------

type Opaque = Record<string, unknown>;

/** The SPA's shape S for an object the schema leaves open; null stays where the schema allows it. */
type Shaped<F, S> = [Extract<F, object>] extends [Opaque]
  ? [Opaque] extends [Extract<F, object>]
    ? Exclude<F, object> | S
    : F
  : F;

/** T with some fields replaced (each key must be one of T's: a renamed field fails here). */
type Refined<T, R extends { [K in keyof R]: K extends keyof T ? unknown : never }> = {
  [K in keyof T]: K extends keyof R ? R[K] : T[K];
};

type Operation<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = NonNullable<paths[P][M]>;

/** The JSON body an operation takes. */
type JsonBody<P extends keyof paths, M extends 'post' | 'put' | 'patch'> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters an operation takes. */
type Query<P extends keyof paths> = Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * Every value of the union T, each once, in the order given (the display order): a value the
 * schema has and the list lacks is a compile error here, naming the missing value.
 */
function every<T extends string>() {
  return <const L extends readonly T[]>(...values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): T[] => [...values];
}

// ---- vocabulary ---------------------------------------------------------------------------------

export type Role = Schemas['Me']['role'];
export type OrderState = Schemas['WorkOrder']['state'];
export type OrderType = Schemas['WorkOrder']['type'];
export type Priority = Schemas['WorkOrder']['priority'];
export type Channel = Schemas['WorkOrder']['channel'];
export type Coverage = Schemas['WorkOrder']['coverage'];
export type ActionName = Schemas['ActionName'];
/** Who an event names as its actor: a staff role, `system` (an upload the server rejected) or
 * `unknown` (an uploader no longer in the staff directory). */
export type ActorRole = Schemas['Event']['actor']['role'];

export const ORDER_STATES: OrderState[] = every<OrderState>()(
  'received',
  'dispatched',
  'contacted',
  'on_site',
  'surveyed',
  'plan_submitted',
  'in_repair',
  'repaired',
  'rework',
  'accepted',
  'visited',
  'archived',
  'on_hold',
  'cancelled',
);
export const ORDER_TYPES: OrderType[] = every<OrderType>()('repair', 'maintenance', 'installation', 'tech_support', 'inspection', 'consultation');
export const PRIORITIES: Priority[] = every<Priority>()('urgent', 'general');
export const CHANNELS: Channel[] = every<Channel>()('phone', 'email', 'walk_in', 'web', 'partner', 'schedule', 'inspection');
/** The channels a person records an order through (`schedule`, 计划生成, is the inspection generator's;
 * `inspection`, 巡检发现, a repair opened from a fault on an inspection's checklist). */
export const INTAKE_CHANNELS: Channel[] = CHANNELS.filter((c) => c !== 'schedule' && c !== 'inspection');
/** `mixed` (部分有偿): some lines covered, some paid — decided per line from the unit's terms, never picked. */
export const COVERAGES: Coverage[] = every<Coverage>()('warranty', 'paid', 'mixed', 'contract', 'unknown');

/** The steps whose recorded data the order carries, in lifecycle order. */
export const STEP_KEYS = [
  'dispatch',
  'contact',
  'arrival',
  'survey',
  'plan',
  'approval',
  'completion',
  'acceptance',
  'objection',
  'return_visit',
  'archive',
] as const satisfies readonly (keyof Schemas['WorkOrder'])[];

// ---- session ------------------------------------------------------------------------------------

export type Me = Schemas['Me'];

/** Login, challenge and refresh answers. The refresh token is never in the body (`refresh_token`
 * is always null): the API sets it as an HttpOnly cookie that page scripts cannot read. Nor is
 * Cognito's access token (`access_token` is always null): the API keeps it to itself. `mfa` is
 * 'totp' when the user's authenticator is their second factor; `mfa_required`: head office
 * without TOTP (where required) must set it up before anything else. */
export type LoginResponse = Schemas['Tokens'];
export type RefreshResponse = LoginResponse;
export type SecondFactor = Schemas['MfaStatus']['mfa'];
/** The step Cognito asks for before it signs the user in. */
export type ChallengeName = Schemas['LoginChallenge']['challenge'];
/** A sign-in that needs one more step (`POST /api/auth/challenge`): no token yet. */
export type LoginChallenge = Schemas['LoginChallenge'];
export type LoginResult = Schemas['LoginResult'];
export type ChallengeAnswer = JsonBody<'/api/auth/challenge', 'post'>;
/** A new authenticator's secret, also as an otpauth:// URI for the QR code. */
export type TotpSetup = Schemas['TotpSetup'];
/** How the user wants work notices: in the app always, by e-mail when `email`, in `language`. */
export type Preferences = Schemas['Preferences'];
export type PreferencesChange = JsonBody<'/api/me/preferences', 'patch'>;

// ---- lists --------------------------------------------------------------------------------------

/** A page of a cursor-paginated list (`WorkOrderPage`, `CustomerPage`, `NotificationPage`). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Items<T> {
  items: T[];
}

/** A page of work orders; `truncated` (a name or phone search, one page): more matched than shown. */
export type WorkOrderPage = Schemas['WorkOrderPage'];
/** An order as the lists show it: its list row's columns and its running and paused clocks. */
export type WorkOrderRow = Schemas['WorkOrderRow'];
/** A page of the work-order list (`GET /api/work-orders`): rows, not whole orders. */
export type WorkOrderRowPage = Schemas['WorkOrderRowPage'];
/** The tabs of a technician's jobs (`GET /api/my-jobs?tab=`). */
export type MyJobsTab = NonNullable<NonNullable<paths['/api/my-jobs']['get']['parameters']['query']>['tab']>;

// ---- dispatching --------------------------------------------------------------------------------

export type DispatchCandidates = Schemas['DispatchCandidates'];
export type DispatchBoard = Schemas['DispatchBoard'];

// ---- outlets, staff, customers ------------------------------------------------------------------

export type Outlet = Schemas['Outlet'];
export type Staff = Schemas['Staff'];
export type Site = Schemas['Site'];
/** A unit (产品档案, the warranty area's `Unit`) as the customer's equipment list shows it. */
export type Equipment = Schemas['Unit'];
export type Customer = Schemas['Customer'];
export type CustomerEvent = Schemas['CustomerEvent'];
/** A customer with its sites, equipment and audit trail. */
export type CustomerDetail = Schemas['CustomerDetail'];

export type NewCustomer = JsonBody<'/api/customers', 'post'>;
export type NewSite = JsonBody<'/api/customers/{customer_id}/sites', 'post'>;
export type NewEquipment = JsonBody<'/api/customers/{customer_id}/equipment', 'post'>;

// ---- work orders --------------------------------------------------------------------------------

/** The data recorded at a step, read field by field (each step's own type: `Schemas['StepDispatch']`…). */
export type StepData = Record<string, unknown>;

/** An order on hold: why, since when, by whom, and the state `resume` returns to. */
export type Hold = Schemas['Hold'];

export type DistanceSource = NonNullable<Schemas['WorkOrder']['distance_source']>;

/** An order as lists show it, with the SLA clocks for the badges. */
export type WorkOrder = Schemas['WorkOrder'];

export type EventActor = Schemas['Event']['actor'];

/** A timeline entry: `create` for the order's creation, a lifecycle action, or what the evidence
 * area writes (an upload verified or rejected, a report issued). */
export type WorkOrderEvent = Schemas['Event'];

/** An order with its timeline (oldest first), the actions the caller may take now, its started
 * clocks (contact, arrival, repair, return_visit), verified evidence and report versions. */
export type WorkOrderDetail = Schemas['WorkOrderDetail'];

/** `POST /api/work-orders`. `distance_km` only when the site has no coordinates (docs/sla.md). */
export type NewWorkOrder = JsonBody<'/api/work-orders', 'post'>;

/** The list's filters (the query of `GET /api/work-orders`; `mine` as a flag). */
export type WorkOrderFilters = Omit<Query<'/api/work-orders'>, 'mine'> & { mine?: boolean };

export type ActionRequest = JsonBody<'/api/work-orders/{order_id}/actions/{action}', 'post'>;

/** The subset of JSON Schema the lifecycle uses for action data (the schema leaves it open). */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: (string | number)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  title?: string;
  description?: string;
  default?: unknown;
};

type GeneratedLifecycleAction = Schemas['Lifecycle']['actions'][number];

/** `to` null: back to the state before the hold (resume), or the order stays (a correction);
 * `roles`: roles, plus `assignee` for the order's technician and helpers. */
export type LifecycleAction = Refined<
  GeneratedLifecycleAction,
  { schema: Shaped<GeneratedLifecycleAction['schema'], JsonSchema> }
>;

export type Lifecycle = Refined<Schemas['Lifecycle'], { actions: LifecycleAction[] }>;

/** The longest free text the API takes in one field, and in a short one (a note, a name): the
 * server's MAX_TEXT and MAX_SHORT (chalicelib/kernel/validation.py). */
export const MAX_TEXT = 2000;
export const MAX_SHORT = 200;

/** Every error answer: `{"error": {"code", "message", "fields"}}`; a 409 `stale_version` also
 * carries `current`, the order as it is now. */
export type ErrorEnvelope = Schemas['Error'] & { current?: Schemas['StaleVersionError']['current'] };

// ---- field evidence -----------------------------------------------------------------------------

export type Attachment = Schemas['Attachment'];
export type AttachmentKind = Attachment['kind'];
export type AttachmentCategory = Attachment['category'];
export type AttachmentStatus = Attachment['status'];
export type PhotoCategory = Schemas['EvidenceSummary']['missing'][number];
export type UploadContentType = Attachment['content_type'];

export const PHOTO_CATEGORIES: PhotoCategory[] = every<PhotoCategory>()('before', 'fault', 'nameplate', 'site', 'after');
/** Display order of the gallery groups. */
export const ATTACHMENT_CATEGORIES: AttachmentCategory[] = every<AttachmentCategory>()('before', 'fault', 'nameplate', 'site', 'after', 'document', 'signature', 'quote_signature');
export const UPLOAD_CONTENT_TYPES: UploadContentType[] = every<UploadContentType>()('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf');
/** Whether a file's type is one the API accepts for an upload (the others are refused, 400). */
export const isUploadContentType = (type: string): type is UploadContentType => (UPLOAD_CONTENT_TYPES as string[]).includes(type);

export type NewAttachment = JsonBody<'/api/work-orders/{order_id}/attachments', 'post'>;

/** The answer to `POST …/attachments`: the pending attachment and its upload slot. */
export type NewAttachmentResponse = Schemas['UploadSlot'];
/** A presigned S3 POST: send every field (in order), then `file` last. */
export type UploadSlot = Schemas['UploadSlot']['upload'];

/** A service report version (`ServiceReport`); `reason` is a corrected version's reason. */
export type Report = Schemas['ServiceReport'];

export type Evidence = Schemas['EvidenceSummary'];
export type EvidenceRequirement = Evidence['required'][number];

// ---- SLA (docs/sla.md) --------------------------------------------------------------------------

type PolicyBody = JsonBody<'/api/sla/policy', 'put'>['policy'];
type PolicyRuleBody = PolicyBody['rules'][number];
type PolicyLevelBody = PolicyBody['levels'][number];

/** Clocks a policy rule can target (complaint: used by complaints when they land). */
export type ClockName = PolicyRuleBody['clock'];
export const CLOCK_NAMES: ClockName[] = every<ClockName>()('response', 'contact', 'arrival', 'repair', 'return_visit', 'complaint', 'handover', 'answer');

/** Derived by the server; the SPA may move on_track → at_risk → breached while a page stays open. */
export type ClockStatus = Schemas['ClockSummary']['status'];
export type Basis = PolicyRuleBody['basis'];
export type TargetUnit = PolicyRuleBody['unit'];
export type Recipient = PolicyLevelBody['notify'][number];
/** The escalation levels a policy chooses from (their names: the vocabulary's `level`). */
export type LevelName = PolicyLevelBody['name'];

export const BASES: Basis[] = every<Basis>()('calendar', 'working');
export const TARGET_UNITS: TargetUnit[] = every<TargetUnit>()('minutes', 'hours', 'working_days');
export const RECIPIENTS: Recipient[] = every<Recipient>()('assignee', 'outlet_manager', 'head_office');
export const LEVEL_NAMES: LevelName[] = every<LevelName>()('warning', 'breach', 'escalation');

export type ClockSummary = Schemas['ClockSummary'];

/** How a clock's due time was set: the policy rule it matched and the policy's versions. */
export type ClockTarget = Schemas['ClockTarget'];

export type ClockExplanation = Schemas['Clock']['explanation'];
/** A non-working stretch the due time skipped. */
export type SkippedPeriod = ClockExplanation['skipped'][number];
export type ClockPause = ClockExplanation['pauses'][number];
export type ClockExtension = ClockExplanation['extensions'][number];
/** A recomputation of a running clock (distance corrected, repair plan). */
export type ClockAdjustment = ClockExplanation['adjustments'][number];

/** A started clock of an order, with how its due time came about; `notified`: the escalation
 * levels already notified. */
export type Clock = Schemas['Clock'];

/** One order on the at-risk board: its most urgent clock and its other clocks on the board. */
export type AtRisk = Schemas['AtRisk'];
export type AtRiskClock = Schemas['AtRiskClock'];

/** The orders whose clocks are at risk, acknowledged ones apart, with totals; `now` is the
 * server's clock when it answered. */
export type AtRiskResponse = Schemas['AtRiskList'];
export type AcknowledgeBody = JsonBody<'/api/sla/acknowledgements', 'post'>;
export type AcknowledgeResult = Schemas['SlaAcknowledgementResult'];

/** Already in the recipient's language. */
export type Notification = Schemas['Notification'];
/** What a hand-off notice is about (`Notification.notice`; null on a deadline's). */
export type NoticeKind = NonNullable<Notification['notice']>;

/** The evidence section of an SLA policy document. */
export type EvidencePolicy = NonNullable<PolicyBody['evidence']>;

export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = { required_photos: [{ category: 'after', min: 1 }], signature_required: true };

/** Rules and levels as the policy form writes them: every field (null for "any" / "none"); the
 * API stores what it is sent, and the built-in defaults leave the optional ones out. */
export type PolicyRule = Required<PolicyRuleBody>;
export type PolicyLevel = Required<PolicyLevelBody>;

/** A whole policy (the network's, or the one in force at an outlet): rules, levels and the
 * evidence section when it has one (an outlet override's, if present, replaces the network's). */
export type Policy = PolicyBody;
/** An outlet's override as stored: any part may be absent. */
export type PolicyOverride = Schemas['SlaPolicyOverride'];

/** `version` is the network policy's; `override_version` the outlet override's (what PUT
 * …/outlets/{code} expects). */
export type PolicyResponse = Schemas['PolicyView'];

export type CalendarYear = Schemas['CalendarYear'];
/** One day of a calendar year as `GET /api/sla/calendar` lists it. */
export type CalendarDay = CalendarYear['days'][number];
/** The answer to setting or removing a date's override. */
export type CalendarDayOverride = Schemas['CalendarDay'];
export type WorkingHours = CalendarYear['working_hours'];

// ---- KPI dashboard, exports and monthly reports (docs/kpi.md) -----------------------------------

type KpiOrdersParameters = Query<'/api/kpi/orders'>;

/** The clocks the KPI summary reports compliance for (the complaint clock is not a KPI). */
export type KpiClock = NonNullable<KpiOrdersParameters['clock']>;
export const KPI_CLOCKS: KpiClock[] = every<KpiClock>()('response', 'contact', 'arrival', 'repair', 'return_visit');

/** The network-wide KPI scope (head office only). */
export const NETWORK_SCOPE = 'NETWORK';

/** One month (`2026-11`); `completed`: orders accepted by the customer in the month; `outlets`:
 * NETWORK scope only, [] otherwise. */
export type MonthKpi = Schemas['MonthKpi'];

export type KpiDuration = keyof MonthKpi['durations'];
export const KPI_DURATIONS: KpiDuration[] = every<KpiDuration>()('contact', 'arrival', 'completion');

type GeneratedMonthKpi = MonthKpi;

/** In all, per order type and per priority (a type or priority with none is left out). */
export type KpiCounts = GeneratedMonthKpi['received'];

/** met / (met + missed) as `rate`, 0..1; null when nothing was due. */
export type KpiSla = GeneratedMonthKpi['sla'][KpiClock];
export type KpiDurationStats = GeneratedMonthKpi['durations'][KpiDuration];
export type KpiSatisfaction = GeneratedMonthKpi['satisfaction'];
export type KpiTechnician = GeneratedMonthKpi['technicians'][number];
export type KpiOutlet = GeneratedMonthKpi['outlets'][number];

/** Months oldest first, one per month of the range. */
export type KpiSummary = Schemas['KpiSummary'];

export type KpiMetric = KpiOrdersParameters['metric'];

/** The query of `GET /api/kpi/orders` (`month` and `metric` required; `clock` is needed for
 * sla_met / sla_missed). */
export type KpiOrdersQuery = KpiOrdersParameters;

/** An order behind a KPI number; `at`: when it counted for the metric. */
export type KpiOrder = Schemas['KpiOrders']['items'][number];

export type ExportJob = Schemas['ExportJob'];
export type ExportKind = ExportJob['kind'];
export type ExportFormat = ExportJob['format'];
export type ExportStatus = ExportJob['status'];
export const EXPORT_KINDS: ExportKind[] = every<ExportKind>()('orders', 'events', 'customers');
export const EXPORT_FORMATS: ExportFormat[] = every<ExportFormat>()('xlsx', 'csv');

export type NewExport = JsonBody<'/api/exports', 'post'>;

/** A month's report of one scope (an outlet code or NETWORK). */
export type MonthlyReport = Schemas['MonthlyReportList']['items'][number];
