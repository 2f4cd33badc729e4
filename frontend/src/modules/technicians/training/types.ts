import type { components, paths } from '../../../api/schema';
import { VOCABULARY } from '../../../api/vocabulary';

/*
 * Shapes of the training API as the SPA reads them (the server's
 * chalicelib/modules/technicians/training_schemas.py, generated into api/schema.d.ts); the
 * names of their values (states, kinds, results) are the server's vocabulary.
 */

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type TrainingPlan = Schemas['TrainingPlan'];
export type TrainingSession = Schemas['TrainingSession'];
export type Attendee = Schemas['TrainingAttendee'];
export type SessionRow = Schemas['TrainingSessionRow'];
export type PenaltyProposal = Schemas['PenaltyProposal'];
/** A person's result of a session (the file's trainings and 补考 pending). */
export type TechnicianTraining = Schemas['TechnicianTraining'];

export type PlanBody = Body<'/api/technicians/training/plans', 'post'>;
export type PlanEditBody = Body<'/api/technicians/training/plans/{plan_id}', 'put'>;
export type SessionBody = Body<'/api/technicians/training/sessions', 'post'>;
export type ResultsBody = Body<'/api/technicians/training/sessions/{session_id}/results', 'post'>;
export type DecideBody = Body<'/api/technicians/training/proposals/{proposal_id}/decide', 'post'>;

export type SessionKind = TrainingSession['kind'];
export type ExamKind = TrainingSession['exam_kind'];
/** Which proposals a list holds: waiting for the manager, or decided. */
export type ProposalList = NonNullable<NonNullable<paths['/api/technicians/training/proposals']['get']['parameters']['query']>['state']>;

/** The forms and assessments a session may have (the form's options, in the vocabulary's order). */
export const SESSION_KINDS = Object.keys(VOCABULARY.training_kind) as SessionKind[];
export const EXAM_KINDS = Object.keys(VOCABULARY.training_exam_kind) as ExamKind[];
/** The server's limits on the texts (training_schemas.py). */
export const LIMITS = { short: 100, long: 1000, reason: 500 } as const;
