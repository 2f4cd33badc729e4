import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { REFRESH_MS } from '../../api/refresh';
import { apiData as data } from '../../utils/apiData';
import { useCursorList } from '../../utils/useCursorList';
import { customerKeys } from '../customers/queries';
import type { NewUnit, TemplateBody, TermsChange } from './types';

/** Query keys of the installed base and its warranty terms. */
export const warrantyKeys = {
  all: ['warranty'] as const,
  templates: () => ['warranty', 'templates'] as const,
  units: () => ['warranty', 'units'] as const,
  unitList: (q: string, outlet: string | undefined) => ['warranty', 'units', 'list', { q, outlet }] as const,
  unit: (customerId: string | undefined, unitId: string | undefined) => ['warranty', 'units', 'detail', customerId, unitId] as const,
  importJob: (id: string | undefined) => ['warranty', 'imports', id] as const,
  importSample: () => ['warranty', 'imports', 'sample'] as const,
};

// ---- calls ----------------------------------------------------------------------------------

export const getTemplates = () => data(api.GET('/api/warranty/templates'));

export const putDefaultTemplate = (body: TemplateBody) => data(api.PUT('/api/warranty/templates/default', { body }));

export const putModelTemplate = (model: string, body: TemplateBody) =>
  data(api.PUT('/api/warranty/templates/models/{model}', { params: { path: { model } }, body }));

export const deleteModelTemplate = (model: string, version: number) =>
  data(api.DELETE('/api/warranty/templates/models/{model}', { params: { path: { model }, query: { version } } }));

export const getUnit = (customerId: string, unitId: string) =>
  data(api.GET('/api/customers/{customer_id}/units/{unit_id}', { params: { path: { customer_id: customerId, unit_id: unitId } } }));

export const listUnits = (query: { q?: string; outlet?: string; cursor?: string; limit?: number }) => data(api.GET('/api/units', { params: { query } }));

export const registerUnit = (customerId: string, body: NewUnit) =>
  data(api.POST('/api/customers/{customer_id}/equipment', { params: { path: { customer_id: customerId } }, body }));

export const changeUnitTerms = (customerId: string, unitId: string, body: TermsChange) =>
  data(api.POST('/api/customers/{customer_id}/units/{unit_id}/terms', { params: { path: { customer_id: customerId, unit_id: unitId } }, body }));

export const createUnitImport = (body: { filename: string; size: number }) => data(api.POST('/api/unit-imports', { body }));

export const startUnitImport = (id: string) => data(api.POST('/api/unit-imports/{import_id}/start', { params: { path: { import_id: id } } }));

export const getUnitImport = (id: string) => data(api.GET('/api/unit-imports/{import_id}', { params: { path: { import_id: id } } }));

/** The import sheet's columns, in order (to build a blank sheet). */
export const getImportSample = () => data(api.GET('/api/unit-imports/sample'));

// ---- hooks ----------------------------------------------------------------------------------

/** The network's default template and every model's. */
export function useTemplates() {
  return useQuery({ queryKey: warrantyKeys.templates(), queryFn: getTemplates });
}

/** Saves the default template (`model` null) or a model's (version null: a new model). 409 when
 * someone saved it meanwhile (or the model exists already). */
export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ model, body }: { model: string | null; body: TemplateBody }) => (model === null ? putDefaultTemplate(body) : putModelTemplate(model, body)),
    // Not after a 409: the form keeps what was typed until the user chooses to reload.
    onSuccess: () => client.invalidateQueries({ queryKey: warrantyKeys.templates() }),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ model, version }: { model: string; version: number }) => deleteModelTemplate(model, version),
    onSuccess: () => client.invalidateQueries({ queryKey: warrantyKeys.templates() }),
  });
}

/** A unit with its terms, service record and audit trail (one query on the server). */
export function useUnit(customerId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: warrantyKeys.unit(customerId, unitId),
    queryFn: () => getUnit(customerId!, unitId!),
    enabled: Boolean(customerId && unitId),
  });
}

/** An outlet's units whose serial number starts with `q`, page by page. */
export function useUnitList(q: string, outlet: string | undefined, enabled = true) {
  return useCursorList(warrantyKeys.unitList(q, outlet), (cursor) => listUnits({ q: q || undefined, outlet, cursor }), { enabled });
}

/** Registers a unit for a customer; the customer (its equipment list) and unit lists are read again. */
export function useRegisterUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, body }: { customerId: string; body: NewUnit }) => registerUnit(customerId, body),
    onSuccess: (_unit, { customerId }) => {
      void client.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      void client.invalidateQueries({ queryKey: warrantyKeys.units() });
    },
  });
}

/** A promotion extending a unit's terms (audited); the answer is the unit as it is now. */
export function useChangeTerms() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, unitId, body }: { customerId: string; unitId: string; body: TermsChange }) => changeUnitTerms(customerId, unitId, body),
    onSuccess: (unit, { customerId, unitId }) => client.setQueryData(warrantyKeys.unit(customerId, unitId), unit),
    onError: (_err, { customerId, unitId }) => client.invalidateQueries({ queryKey: warrantyKeys.unit(customerId, unitId) }),
  });
}

/** An import job, asked again while it is queued or running and the tab is visible. */
export function useUnitImport(id: string | undefined) {
  return useQuery({
    queryKey: warrantyKeys.importJob(id),
    queryFn: () => getUnitImport(id!),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'done' || state === 'failed' ? false : REFRESH_MS.unitImport;
    },
    refetchIntervalInBackground: false,
  });
}
