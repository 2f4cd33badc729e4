import type { VOCABULARY } from '../../../../api/vocabulary';
import type zhCN from '../../locale/zh-CN';

/*
 * Every field of every action form has a label in the locale (`field.<key>`), never its schema
 * key (`planned_finish_at`). The action forms are built at run time from the schemas the API
 * publishes (x-action-data-schemas in the OpenAPI document, `make api-types`); this reads the
 * field names of those schemas at compile time, nested ones included (geo.lat, scores.overall,
 * parts_replaced[].name), so a new field without a Chinese label fails the build, and the
 * English dictionary is typed against the Chinese one (same keys, or the build fails).
 */

type ApiDocument = typeof import('../../../../api/openapi.json');
type ActionDataSchemas = ApiDocument['paths']['/api/work-orders/{order_id}/actions/{action}']['post']['x-action-data-schemas'];

/** The property names of a JSON Schema, at any depth (object properties, array items). */
type FieldNames<S> = S extends { properties: infer P }
  ? { [K in keyof P]: K | FieldNames<P[K]> }[keyof P]
  : S extends { items: infer I }
    ? FieldNames<I>
    : never;

/** Every field name an action form can show. */
export type ActionFieldName = { [A in keyof ActionDataSchemas]: FieldNames<ActionDataSchemas[A]> }[keyof ActionDataSchemas] & string;

/** Fields whose labels are the server's vocabulary (the return visit's conduct questions, named
 * by `visit_conduct`), not the locale's. */
type VocabularyLabelled = `field.${keyof typeof VOCABULARY.visit_conduct}`;

type Unlabelled = Exclude<`field.${ActionFieldName}`, keyof typeof zhCN | VocabularyLabelled>;

/** A compile error naming the keys to add to locale/zh-CN.ts (and en-US.ts) when a field has no label. */
export const EVERY_ACTION_FIELD_HAS_A_LABEL: [Unlabelled] extends [never] ? true : { 'add these labels to locale/zh-CN.ts and en-US.ts': Unlabelled } = true;
