import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n';

/** The text to show for an error: the server's (already localized) message when there is one. */
export function useErrorText(): (err: unknown) => string {
  const t = useT();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        if (err.code === 'network_error') return t('common.networkError');
        return err.message || t('common.error');
      }
      return t('common.error');
    },
    [t],
  );
}

/** Shows an error as an antd message in the current language. */
export function useShowError(): (err: unknown) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback((err: unknown) => void message.error(errorText(err)), [message, errorText]);
}

/** `data.parts_replaced.0.name` → `['parts_replaced', 0, 'name']` (form name path). */
function fieldPath(serverPath: string, stripPrefix?: string): (string | number)[] {
  const path = stripPrefix && serverPath.startsWith(`${stripPrefix}.`) ? serverPath.slice(stripPrefix.length + 1) : serverPath;
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a 400's field messages on the form fields that exist. Returns the messages that found no
 * field, so the caller can still show them.
 */
function applyFieldErrors(form: FormInstance, err: ApiError, stripPrefix?: string): string[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const unplaced: string[] = [];
  const placed = Object.entries(err.fields).flatMap(([path, msg]) => {
    const name = fieldPath(path, stripPrefix);
    if (registered.has(JSON.stringify(name))) return [{ name, errors: [msg] }];
    unplaced.push(msg);
    return [];
  });
  form.setFields(placed);
  return unplaced;
}

/**
 * The catch of a form submit: field errors go on their fields, everything else (and field errors
 * without a field) becomes an antd message.
 */
export function useFormErrorHandler(): (form: FormInstance, err: unknown, stripPrefix?: string) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    (form: FormInstance, err: unknown, stripPrefix?: string) => {
      if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
        const unplaced = applyFieldErrors(form, err, stripPrefix);
        if (unplaced.length > 0) void message.error([err.message, ...unplaced].join('；'));
        return;
      }
      void message.error(errorText(err));
    },
    [message, errorText],
  );
}
