import type { components } from '../../api/schema';

/*
 * Consultations and information hand-over (咨询与信息交接) as the API describes them (the
 * generated schema). The names of kinds, states, actions and channels come from the server's
 * vocabulary (api/vocabulary.ts).
 */
type Schemas = components['schemas'];

export type ConsultationSummary = Schemas['ConsultationSummary'];
export type Consultation = Schemas['Consultation'];
export type ConsultationPage = Schemas['ConsultationPage'];
export type ConsultationKind = Consultation['kind'];
export type ConsultationState = Consultation['state'];
export type ConsultationStatus = Consultation['status'];
export type ConsultationAction = Consultation['actions'][number];
export type ConsultationChannel = Consultation['channel'];

export const CONSULTATION_KINDS: ConsultationKind[] = ['question', 'information'];
/** complaint_channel without return_visit: how the customer reached the staff member. */
export const CONSULTATION_CHANNELS: ConsultationChannel[] = ['phone', 'visit', 'online', 'letter', 'media', 'other'];

type Operations = import('../../api/schema').operations;
export type NewConsultation = NonNullable<Operations['post_api_consultations']['requestBody']>['content']['application/json'];

/** The complaint a consultation becomes (the 客户投诉登记表 minus complainant, channel, outlet). */
export type ToComplaintData = {
  kind: string;
  about?: { staff?: string; order_id?: string };
  content: string;
  demand?: string;
};
