import type { FormInstance } from 'antd';
import { isStaleVersion, useFormErrorHandler } from '../../../utils/errors';
import { useConsultationAction } from '../queries';
import type { Consultation, ConsultationAction } from '../types';

interface Options {
  onClose: () => void;
  /** Someone changed the consultation first: the page says so and reads it again. */
  onStale: () => void;
}

/**
 * One of the desk's actions sent from a dialog with the version on the page (as the complaint's
 * ActionForm does): done → `onDone` with the consultation as it is now, and the dialog closes; a
 * stale version → `onStale`, and the dialog closes; a 400 puts its messages on the form's fields,
 * which are named as the action's `data` names them.
 */
export function useActionDialog(consultation: Consultation, form: FormInstance, { onClose, onStale }: Options) {
  const act = useConsultationAction(consultation.id);
  const handleError = useFormErrorHandler();
  const send = async (action: ConsultationAction, data: Record<string, unknown>, onDone: (made: Consultation) => void) => {
    try {
      const made = await act.mutateAsync({ action, version: consultation.version, data });
      onDone(made);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        onStale();
        onClose();
        return;
      }
      handleError(form, err, 'data');
    }
  };
  return { send, pending: act.isPending };
}
