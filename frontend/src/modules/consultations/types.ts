import type { components } from '../../api/schema';
import { VOCABULARY } from '../../api/vocabulary';
import { TELL_CHANNELS } from '../complaints/types';

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
export type ConsultationStatus = Consultation['status'];
export type ConsultationAction = Consultation['actions'][number];
export type ConsultationChannel = Consultation['channel'];

/** The kinds in the vocabulary's order (the form's options). */
export const CONSULTATION_KINDS = Object.keys(VOCABULARY.consultation_kind) as ConsultationKind[];
/** How the customer reached the staff member: complaint_channel without return_visit. */
export const CONSULTATION_CHANNELS: ConsultationChannel[] = TELL_CHANNELS;

type Operations = import('../../api/schema').operations;
export type NewConsultation = NonNullable<Operations['post_api_consultations']['requestBody']>['content']['application/json'];

/** The complaint a consultation becomes (the 客户投诉登记表 minus complainant, channel, outlet). */
export type ToComplaintData = {
  kind: string;
  about?: { staff?: string; order_id?: string };
  content: string;
  demand?: string;
};
