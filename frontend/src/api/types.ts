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
  | 'cancel';

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

export interface LoginResponse {
  id_token: string;
  access_token?: string;
  refresh_token?: string | null;
  expires_in?: number;
  user: Me;
}

export type RefreshResponse = Omit<LoginResponse, 'refresh_token'>;

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
}

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
