import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../../api/client';
import type { ActionName, WorkOrder, WorkOrderDetail } from '../../../../api/types';
import { useFormErrorHandler, useShowError } from '../../../../utils/errors';
import { useOrderAction } from '../../../orders/queries';

/** What the order's page does with an action's outcome (the same as for its action bar). */
export interface CardHandlers {
  onDone: (detail: WorkOrderDetail, action: ActionName) => void;
  /** 409 stale_version: someone changed the order first. */
  onStale: (current: WorkOrder | undefined) => void;
  /** 403 or 409 invalid_transition: the message was shown; the page reloads the order. */
  onRefused: () => void;
}

/** `error`: the form stays open (its fields or a message say why); otherwise it closes. */
export type ActionOutcome = 'done' | 'stale' | 'refused' | 'error';

/**
 * Takes a lifecycle action of the warranty cards (coverage, quote) against the version of the
 * order the user sees, like the action bar's forms: a stale version or a refusal goes to the
 * page, field errors onto the card's form.
 */
export function useCardAction(order: WorkOrderDetail, handlers: CardHandlers) {
  const { mutateAsync } = useOrderAction(order.id);
  const handleError = useFormErrorHandler();
  const showError = useShowError();
  const { onDone, onStale, onRefused } = handlers;
  const version = order.version;
  return useCallback(
    async (action: string, data: Record<string, unknown>, form?: FormInstance): Promise<ActionOutcome> => {
      const name = action as ActionName;
      try {
        onDone(await mutateAsync({ action: name, body: { version, data } }), name);
        return 'done';
      } catch (err) {
        if (err instanceof ApiError && err.code === 'stale_version') {
          onStale(err.current);
          return 'stale';
        }
        if (form) handleError(form, err, 'data');
        else showError(err);
        if (err instanceof ApiError && (err.status === 403 || err.code === 'invalid_transition')) {
          onRefused();
          return 'refused';
        }
        return 'error';
      }
    },
    [mutateAsync, version, onDone, onStale, onRefused, handleError, showError],
  );
}

