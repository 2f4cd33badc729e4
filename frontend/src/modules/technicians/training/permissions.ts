import type { Permission } from '../../../access';

/** Who may do what in training (the server's permission table, via `GET /api/me`; the outlet
 * and, for the network's plans, head office are checked on the object by the server). */
export const TRAINING = {
  /** The training pages: plans, sessions, proposals (manager: their outlet; head office: any). */
  read: 'technicians.training.read',
  /** Creating and editing plans and sessions, recording a session's results. */
  write: 'technicians.training.write',
  /** Approving a plan (head office the network's, an outlet's manager the outlet's) and
   * approving or dismissing a proposed absence penalty. */
  approve: 'technicians.training.approve',
} as const satisfies Record<string, Permission>;
