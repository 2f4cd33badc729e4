import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/*
 * What a failed call says, in the reader's language. Only a refusal in the API's own envelope
 * (a 4xx with a code) shows the server's message: that text is made from the code by the API
 * (kernel/messages.py), in the language the SPA asked for. A server error (5xx), an answer that
 * is not the envelope (a proxy's page) or no answer at all shows the SPA's own words, with the
 * request's id to quote; whatever text such an answer carries (an exception, a stack trace) is
 * never shown.
 */

/** `network`: no answer; `server`: the server failed (or answered something that is not the
 * API's); `refused`: the API refused the request and said why. */
export type ErrorKind = 'network' | 'server' | 'refused';

export function errorKind(err: unknown): ErrorKind {
  if (err instanceof ApiError) {
    if (err.status === 0) return 'network';
    if (err.status >= 500 || err.code.startsWith('http_')) return 'server';
    return 'refused';
  }
  // fetch's own failure outside the API client (a file from S3, say): no answer
  if (err instanceof TypeError && /fetch|network|load failed/i.test(err.message)) return 'network';
  return 'server';
}

/** A 409 `stale_version`: someone changed the record after the version the user saw. */
export function isStaleVersion(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 409 && err.code === 'stale_version';
}

/** The request id a server error names (to quote to support), if any. */
export function requestIdOf(err: unknown): string | undefined {
  return err instanceof ApiError ? err.requestId : undefined;
}

/** `data.parts_replaced.0.name` → the field's name in the reader's language (`field.name`), or
 * the path's last word when there is no such name. */
function useFieldName(): (path: string) => string {
  const { tk } = useI18n();
  return useCallback(
    (path: string) => {
      const word = [...path.split('.')].reverse().find((part) => !/^\d+$/.test(part)) ?? path;
      return tk(`field.${word}`, word.replace(/_/g, ' '));
    },
    [tk],
  );
}

/** The text to show for an error (see above). A refusal's field messages are named. */
export function useErrorText(): (err: unknown) => string {
  const { t, lang } = useI18n();
  const fieldName = useFieldName();
  return useCallback(
    (err: unknown) => {
      switch (errorKind(err)) {
        case 'network':
          return t('common.networkError');
        case 'server': {
          const id = requestIdOf(err);
          return id ? t('error.withReference', { text: t('error.serverToast'), ref: t('error.reference', { id }) }) : t('error.serverToast');
        }
        default: {
          const refusal = err as ApiError;
          const message = refusal.message || t('common.error');
          const fields = Object.entries(refusal.fields);
          if (fields.length === 0) return message;
          const named = fields.map(([path, text]) => `${fieldName(path)}${lang === 'zh-CN' ? '：' : ' '}${text}`);
          return t('error.fields', { message, fields: named.join(lang === 'zh-CN' ? '；' : '; ') });
        }
      }
    },
    [t, lang, fieldName],
  );
}

/*
 * Failures shown in place. A page that shows a failed load as an ErrorState (or a list's
 * banner) marks the error here as it renders; the query client's toast for a failed query waits
 * one task (the page renders the failure first) and is left out for an error shown in place.
 */
const shownInPlace = new WeakSet<object>();

export function isShownInPlace(err: unknown): boolean {
  return typeof err === 'object' && err !== null && shownInPlace.has(err);
}

/** Marks an error as shown on the page (no toast for it); as the page renders it, before the
 * query client's deferred check. */
export function markShownInPlace(err: unknown): void {
  if (typeof err === 'object' && err !== null) shownInPlace.add(err);
}

/** Shows an error as an antd message in the current language. */
export function useShowError(): (err: unknown) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  // Keyed by the text: the same failure of several calls at once is one message.
  return useCallback(
    (err: unknown) => {
      const text = errorText(err);
      void message.error({ content: text, key: text });
    },
    [message, errorText],
  );
}

/** `data.parts_replaced.0.name` → `['parts_replaced', 0, 'name']` (form name path). */
function fieldPath(serverPath: string, stripPrefix?: string): (string | number)[] {
  const path = stripPrefix && serverPath.startsWith(`${stripPrefix}.`) ? serverPath.slice(stripPrefix.length + 1) : serverPath;
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a 400's field messages on the form fields that exist. Returns the (path, message) pairs
 * that found no field, so the caller can still show them.
 */
function applyFieldErrors(form: FormInstance, err: ApiError, stripPrefix?: string): [string, string][] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const unplaced: [string, string][] = [];
  const placed = Object.entries(err.fields).flatMap(([path, msg]) => {
    const name = fieldPath(path, stripPrefix);
    if (registered.has(JSON.stringify(name))) return [{ name, errors: [msg] }];
    unplaced.push([path, msg]);
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
        // the messages that found no field, each with the field's name
        if (unplaced.length > 0) void message.error(errorText(new ApiError(err.status, err.code, err.message, Object.fromEntries(unplaced))));
        return;
      }
      void message.error(errorText(err));
    },
    [message, errorText],
  );
}

interface DialogSubmit {
  onClose: () => void;
  /** Someone changed it first: the page reads it again (the dialog closes). */
  onStale: () => void;
  /** What the reader is told: done, and changed by someone else first. */
  done: string;
  stale: string;
}

/**
 * A dialog's form sent with the version the page showed: done → `done` and the dialog closes;
 * a stale version → `stale`, `onStale` and the dialog closes; a refusal puts its messages on the
 * form's fields (useFormErrorHandler).
 */
export function useDialogSubmit(form: FormInstance, { onClose, onStale, done, stale }: DialogSubmit) {
  const { message } = App.useApp();
  const handleError = useFormErrorHandler();
  return async (send: () => Promise<unknown>) => {
    try {
      await send();
      void message.success(done);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        void message.warning(stale);
        onStale();
        onClose();
        return;
      }
      handleError(form, err);
    }
  };
}
