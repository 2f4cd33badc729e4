// Shapes of the Fuwu API v1 (docs/api.md). Times are ISO-8601 UTC strings.

export type Role = 'agent' | 'manager' | 'support' | 'technician' | 'warehouse' | 'head_office';

export type OrderState =
  | 'received'
  | 'dispatched'
  | 'contacted'
  | 'on_site'
  | 'surveyed'
  | 'plan_submitted'
  | 'in_repair'
  | 'repaired'
  | 'rework'
  | 'accepted'
  | 'visited'
  | 'archived'
  | 'on_hold'
  | 'cancelled';

export type OrderType = 'repair' | 'maintenance' | 'installation' | 'tech_support' | 'inspection' | 'consultation';
export type Priority = 'urgent' | 'general';
export type Channel = 'phone' | 'email' | 'walk_in' | 'web' | 'partner';
export type Coverage = 'warranty' | 'paid' | 'contract' | 'unknown';

export type ActionName =
  | 'dispatch'
  | 'reassign'
  | 'contact'
  | 'check_in'
  | 'survey'
  | 'submit_plan'
  | 'approve_plan'
  | 'reject_plan'
  | 'revise_plan'
  | 'complete'
  | 'accept'
  | 'object'
  | 'return_visit'
  | 'archive'
  | 'hold'
  | 'resume'
  | 'cancel'
  | 'extend_clock'
  | 'correct_distance'
  | 'correct_report';

export const ORDER_STATES: OrderState[] = [
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
];
export const ORDER_TYPES: OrderType[] = ['repair', 'maintenance', 'installation', 'tech_support', 'inspection', 'consultation'];
export const PRIORITIES: Priority[] = ['urgent', 'general'];
export const CHANNELS: Channel[] = ['phone', 'email', 'walk_in', 'web', 'partner'];
export const COVERAGES: Coverage[] = ['warranty', 'paid', 'contract', 'unknown'];

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
] as const;

export interface Me {
  username: string;
  name: string;
  role: Role;
  outlet: string;
  outlet_name: string;
  outlet_name_en: string;
}

/** Login and refresh answers. The refresh token is never in the body (`refresh_token` is always
 * null): the API sets it as an HttpOnly cookie that page scripts cannot read. Nor is Cognito's
 * access token (`access_token` is always null): the API keeps it to itself. */
export interface LoginResponse {
  id_token: string;
  access_token?: null;
  refresh_token?: null;
  expires_in?: number;
  user: Me;
  /** 'totp' when the user's authenticator is their second factor (asked at every sign-in). */
  mfa: SecondFactor | null;
  /** Head office without TOTP (where required): set it up before anything else. */
  mfa_required: boolean;
}

export type RefreshResponse = LoginResponse;

export type SecondFactor = 'totp';

/** The step Cognito asks for before it signs the user in. */
export type ChallengeName = 'totp' | 'new_password';

/** A sign-in that needs one more step (`POST /api/auth/challenge`): no token yet. */
export interface LoginChallenge {
  challenge: ChallengeName;
  session: string;
  user: null;
}

export type LoginResult = LoginResponse | LoginChallenge;

export interface ChallengeAnswer {
  username: string;
  session: string;
  challenge: ChallengeName;
  code?: string;
  new_password?: string;
}

/** A new authenticator's secret, also as an otpauth:// URI for the QR code. */
export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface Outlet {
  code: string;
  name: string;
  name_en: string;
  city: string;
  lat: number | null;
  lng: number | null;
  timezone: string;
  is_head_office: boolean;
}

export interface Staff {
  username: string;
  name: string;
  role: Role;
  outlet: string;
  star_level: number | null;
  phone: string | null;
}

export interface Site {
  id: string;
  customer_id: string;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  distance_km: number | null;
}

export interface Equipment {
  id: string;
  customer_id: string;
  site_id: string | null;
  model: string;
  serial_no: string;
  category: string | null;
  installed_on: string | null;
  warranty_until: string | null;
}

export interface Customer {
  id: string;
  outlet: string;
  name: string;
  phone: string;
  contact_name: string | null;
  address: string | null;
  region: string | null;
  created_at: string;
  version: number;
}

export interface CustomerDetail extends Customer {
  sites: Site[];
  equipment: Equipment[];
}

export interface NewSite {
  name: string;
  address?: string;
  lat?: number;
  lng?: number;
  distance_km?: number;
}

export interface NewEquipment {
  model: string;
  serial_no: string;
  category?: string;
  site_id?: string;
}

export interface NewCustomer {
  name: string;
  phone: string;
  contact_name?: string;
  address?: string;
  region?: string;
  site?: NewSite;
  equipment?: NewEquipment;
}

export type StepData = Record<string, unknown>;

export interface Hold {
  reason: string;
  kind: string;
  previous_state: OrderState;
  since: string;
}

export interface WorkOrder {
  id: string;
  number: string;
  outlet: string;
  state: OrderState;
  version: number;
  type: OrderType;
  priority: Priority;
  channel: Channel;
  coverage: Coverage;
  customer_id: string;
  customer_name: string;
  customer_phone: string | null;
  site_id: string | null;
  site_name: string | null;
  site_address: string | null;
  equipment_id: string | null;
  equipment_label: string | null;
  description: string;
  fault_started_at: string | null;
  impact: string | null;
  technician: string | null;
  technician_name: string | null;
  helpers: string[];
  hold: Hold | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** The data recorded at each step, null until the step happened. */
  dispatch: StepData | null;
  contact: StepData | null;
  arrival: StepData | null;
  survey: StepData | null;
  plan: StepData | null;
  approval: StepData | null;
  completion: StepData | null;
  acceptance: StepData | null;
  objection: StepData | null;
  return_visit: StepData | null;
  archive: StepData | null;
  cancel_reason: string | null;
  /** The SLA clocks for the badges (list items and detail). */
  clocks?: ClockSummary[];
  /** Distance from the outlet to the site, used by the arrival clock. */
  distance_km?: number | null;
  distance_source?: DistanceSource | null;
}

export interface EventActor {
  username: string;
  name: string;
  role: Role;
}

export interface WorkOrderEvent {
  id: string;
  at: string;
  /** An ActionName, or `create` for the order's creation. */
  action: string;
  actor: EventActor;
  from_state: OrderState | null;
  to_state: OrderState;
  data: StepData;
  version: number;
}

export interface WorkOrderDetail extends WorkOrder {
  events: WorkOrderEvent[];
  allowed_actions: ActionName[];
  /** Only the started clocks, in the order contact, arrival, repair, return_visit. */
  clocks?: Clock[];
  /** Verified field evidence (photos, documents, signatures), oldest first. */
  attachments?: Attachment[];
  /** The service report versions, oldest first. */
  reports?: Report[];
  evidence?: Evidence;
}

// ---- field evidence ------------------------------------------------------------------------------

export type AttachmentKind = 'photo' | 'document' | 'signature';
export type PhotoCategory = 'before' | 'fault' | 'nameplate' | 'site' | 'after';
export type AttachmentCategory = PhotoCategory | 'document' | 'signature';
export type AttachmentStatus = 'pending' | 'verified' | 'rejected';

export const PHOTO_CATEGORIES: PhotoCategory[] = ['before', 'fault', 'nameplate', 'site', 'after'];
/** Display order of the gallery groups. */
export const ATTACHMENT_CATEGORIES: AttachmentCategory[] = [...PHOTO_CATEGORIES, 'document', 'signature'];
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'];

export interface Attachment {
  id: string;
  order_id: string;
  kind: AttachmentKind;
  category: AttachmentCategory;
  status: AttachmentStatus;
  content_type: string;
  size: number;
  sha256: string;
  filename: string | null;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
  /** The EXIF time the photo was taken. */
  taken_at: string | null;
  gps: { lat: number; lng: number } | null;
  width: number | null;
  height: number | null;
  /** Short-lived (see urls_expire_at). */
  url: string | null;
  thumb_url: string | null;
  urls_expire_at: string | null;
}

export interface NewAttachment {
  kind: AttachmentKind;
  category: AttachmentCategory;
  content_type: string;
  size: number;
  filename?: string;
}

/** A presigned S3 POST: send every field (in order), then `file` last. */
export interface UploadSlot {
  url: string;
  fields: Record<string, string>;
  expires_at: string;
  max_bytes: number;
}

export interface NewAttachmentResponse {
  attachment: Attachment;
  upload: UploadSlot;
}

export interface Report {
  version: number;
  generated_at: string;
  generated_by: string;
  generated_by_name: string;
  sha256: string;
  size: number;
  signed: boolean;
  /** The correction reason of a corrected version. */
  reason: string | null;
  current: boolean;
  url: string | null;
}

export interface EvidenceRequirement {
  category: string;
  min: number;
  have: number;
}

export interface Evidence {
  can_upload: boolean;
  upload_kinds: AttachmentKind[];
  required: EvidenceRequirement[];
  /** Categories still short of their minimum. */
  missing: string[];
  signature_required: boolean;
  max_bytes: number;
}

/** The evidence section of an SLA policy document. */
export interface EvidencePolicy {
  required_photos: { category: PhotoCategory; min: number }[];
  signature_required: boolean;
}

export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = { required_photos: [{ category: 'after', min: 1 }], signature_required: true };

export interface NewWorkOrder {
  customer_id: string;
  site_id?: string;
  equipment_id?: string;
  type: OrderType;
  priority: Priority;
  channel: Channel;
  coverage: Coverage;
  description: string;
  fault_started_at?: string;
  impact?: string;
  /** Only when the site has no coordinates (docs/sla.md). */
  distance_km?: number;
}

export interface WorkOrderFilters {
  outlet?: string;
  state?: OrderState;
  priority?: Priority;
  technician?: string;
  from?: string;
  to?: string;
  number?: string;
  customer?: string;
  equipment?: string;
  mine?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ActionRequest {
  version: number;
  data: Record<string, unknown>;
}

/** The subset of JSON Schema the lifecycle uses for action data. */
export interface JsonSchema {
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
}

export interface LifecycleAction {
  name: ActionName;
  from: OrderState[];
  /** null: back to the state before the hold (resume). */
  to: OrderState | null;
  /** Roles, plus `assignee` for the order's technician and helpers. */
  roles: string[];
  schema: JsonSchema;
}

export interface Lifecycle {
  states: OrderState[];
  terminal_states: OrderState[];
  actions: LifecycleAction[];
}

export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
  };
  current?: WorkOrder;
}

// ---- SLA (docs/sla.md) ---------------------------------------------------------------------------

export type ClockName = 'response' | 'contact' | 'arrival' | 'repair' | 'return_visit' | 'complaint';
/** Clocks a policy rule can target (complaint: used by complaints when they land). */
export const CLOCK_NAMES: ClockName[] = ['response', 'contact', 'arrival', 'repair', 'return_visit', 'complaint'];

/** Derived by the server; the SPA may move on_track → at_risk → breached while a page stays open. */
export type ClockStatus = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed' | 'paused' | 'cancelled';
export type Basis = 'calendar' | 'working';
export type TargetUnit = 'minutes' | 'hours' | 'working_days';
export type Recipient = 'assignee' | 'outlet_manager' | 'head_office';
export type DistanceSource = 'coordinates' | 'agent';

export const BASES: Basis[] = ['calendar', 'working'];
export const TARGET_UNITS: TargetUnit[] = ['minutes', 'hours', 'working_days'];
export const RECIPIENTS: Recipient[] = ['assignee', 'outlet_manager', 'head_office'];

export interface ClockSummary {
  name: ClockName;
  status: ClockStatus;
  basis: Basis;
  due_at: string | null;
  started_at: string;
  stopped_at: string | null;
  /** Lateness of a stopped clock, counted in its basis (working seconds for working clocks). */
  late_seconds: number | null;
  warning_at: string | null;
  paused: boolean;
}

export interface ClockTarget {
  amount: number;
  unit: TargetUnit;
  basis: Basis;
  note: string;
  rule_index: number;
  policy_version: number;
  cap_working_days?: number | null;
}

/** A non-working stretch the due time skipped. `reason_zh`/`kind` are extras of the server. */
export interface SkippedPeriod {
  start: string;
  end: string;
  reason: string;
  reason_zh?: string;
  kind?: string;
}

export interface ClockPause {
  from: string;
  to: string | null;
  shift_seconds: number;
}

export interface ClockExtension {
  at: string;
  by: string;
  minutes: number;
  reason: string;
}

/** A recomputation of a running clock (distance corrected, repair plan); not in the contract, shown when present. */
export interface ClockAdjustment {
  at: string;
  kind: 'plan' | 'distance';
  reason?: string;
  distance_km?: number | null;
  previous_due_at?: string | null;
  planned_at?: string | null;
  cap_at?: string | null;
}

export interface ClockExplanation {
  skipped: SkippedPeriod[];
  pauses: ClockPause[];
  extensions: ClockExtension[];
  adjustments?: ClockAdjustment[];
  unconfirmed_years: number[];
}

export interface Clock extends ClockSummary {
  target: ClockTarget;
  start_event: string;
  explanation: ClockExplanation;
  /** The escalation levels already notified. */
  notified: string[];
}

export interface AtRisk {
  order_id: string;
  number: string;
  customer_name: string;
  technician_name: string | null;
  priority: Priority;
  state: OrderState;
  clock: ClockSummary;
  /** Negative when late. */
  seconds_left: number;
}

export interface AtRiskResponse {
  items: AtRisk[];
  /** The server's clock when it answered. */
  now: string;
}

export interface Notification {
  id: string;
  at: string;
  level: string;
  clock: ClockName | null;
  order_id: string | null;
  number: string | null;
  /** Already in the recipient's language. */
  title: string;
  body: string;
  read: boolean;
}

export interface PolicyRule {
  clock: ClockName;
  priority: Priority | null;
  type: OrderType | null;
  max_distance_km: number | null;
  amount: number;
  unit: TargetUnit;
  basis: Basis;
  cap_working_days: number | null;
  note: string;
}

export interface PolicyLevel {
  name: string;
  elapsed_ratio: number | null;
  offset_minutes: number | null;
  notify: Recipient[];
}

export interface Policy {
  rules: PolicyRule[];
  levels: PolicyLevel[];
  /** Optional; an outlet override's evidence (if present) replaces the network's. */
  evidence?: EvidencePolicy | null;
}

export interface PolicyResponse {
  network: Policy;
  override: Policy | null;
  effective: Policy;
  /** The network policy's version. */
  version: number;
  /** The outlet override's version (not in docs/sla.md; the server sends it): what PUT …/outlets/{code} expects. */
  override_version?: number | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  reason: string;
  reason_zh?: string;
  kind?: string;
  source: 'library' | 'override' | 'fallback';
}

export interface WorkingHours {
  start: string;
  end: string;
  timezone?: string;
}

export interface CalendarYear {
  year: number;
  confirmed: boolean;
  library_covers: boolean;
  working_hours: WorkingHours;
  days: CalendarDay[];
}

// ---- KPI dashboard, exports and monthly reports (docs/kpi.md) -----------------------------------

/** The clocks the KPI summary reports compliance for (the complaint clock is not a KPI). */
export type KpiClock = 'response' | 'contact' | 'arrival' | 'repair' | 'return_visit';
export const KPI_CLOCKS: KpiClock[] = ['response', 'contact', 'arrival', 'repair', 'return_visit'];

/** The network-wide KPI scope (head office only). */
export const NETWORK_SCOPE = 'NETWORK';

export type KpiDuration = 'contact' | 'arrival' | 'completion';
export const KPI_DURATIONS: KpiDuration[] = ['contact', 'arrival', 'completion'];

export interface KpiCounts {
  total: number;
  by_type: Partial<Record<OrderType, number>>;
  by_priority: Partial<Record<Priority, number>>;
}

export interface KpiSla {
  met: number;
  missed: number;
  /** met / (met + missed), 0..1; null when nothing was due. */
  rate: number | null;
}

export interface KpiDurationStats {
  count: number;
  mean_minutes: number | null;
  p90_minutes: number | null;
}

export interface KpiSatisfaction {
  count: number;
  overall: number | null;
  attitude: number | null;
  skill: number | null;
  punctuality: number | null;
  result: number | null;
}

export interface KpiTechnician {
  username: string;
  name: string;
  outlet: string;
  completed: number;
  on_time: number;
  on_time_rate: number | null;
  satisfaction: number | null;
  visits: number;
  repeat_repairs: number;
}

export interface KpiOutlet {
  outlet: string;
  name: string;
  received: number;
  completed: number;
  sla_rate: number | null;
  satisfaction: number | null;
}

export interface MonthKpi {
  /** `2026-11` */
  month: string;
  updated_at: string;
  received: KpiCounts;
  /** Orders accepted by the customer in the month. */
  completed: KpiCounts;
  sla: Partial<Record<KpiClock, KpiSla>>;
  durations: Partial<Record<KpiDuration, KpiDurationStats>>;
  satisfaction: KpiSatisfaction;
  repeat_repairs: { count: number; rate: number | null };
  technicians: KpiTechnician[];
  /** NETWORK scope only; [] otherwise. */
  outlets: KpiOutlet[];
}

export interface KpiSummary {
  scope: string;
  /** Oldest first, one per month of the range. */
  months: MonthKpi[];
}

export type KpiMetric = 'received' | 'completed' | 'sla_met' | 'sla_missed' | 'repeat' | 'visited';

export interface KpiOrdersQuery {
  scope?: string;
  month: string;
  metric: KpiMetric;
  /** Needed for sla_met / sla_missed. */
  clock?: KpiClock;
  technician?: string;
  type?: OrderType;
  priority?: Priority;
}

export interface KpiOrder {
  order_id: string;
  number: string;
  outlet: string;
  customer_name: string;
  technician: string | null;
  technician_name: string | null;
  type: OrderType;
  priority: Priority;
  /** When the order counted for the metric (received, accepted, clock stopped, visited). */
  at: string | null;
}

export type ExportKind = 'orders' | 'events' | 'customers';
export const EXPORT_KINDS: ExportKind[] = ['orders', 'events', 'customers'];
export type ExportFormat = 'xlsx' | 'csv';
export const EXPORT_FORMATS: ExportFormat[] = ['xlsx', 'csv'];
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface NewExport {
  kind: ExportKind;
  format: ExportFormat;
  outlets: string[];
  /** `YYYY-MM-DD` */
  from: string;
  to: string;
}

export interface ExportJob {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  filters: { outlets: string[]; from: string; to: string };
  status: ExportStatus;
  /** Queued or running for too long (no worker took it, or its worker died): offer a retry. */
  stuck: boolean;
  /** Rows written so far. */
  rows: number;
  requested_by: string;
  requested_by_name: string;
  created_at: string;
  finished_at: string | null;
  /** Why a failed job failed, as a message code (`export.error.<code>`). */
  error: 'export_failed' | 'queue_unavailable' | null;
  filename: string | null;
  size: number | null;
  /** Only when done; short-lived (5 minutes): fetch the job again for a fresh one. */
  download_url: string | null;
}

export interface MonthlyReport {
  /** `2026-10` */
  month: string;
  /** An outlet code or NETWORK. */
  scope: string;
  scope_name: string;
  generated_at: string;
  size: number;
  url: string;
}
