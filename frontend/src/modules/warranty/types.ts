import type { components, paths } from '../../api/schema';
import type { VOCABULARY } from '../../api/vocabulary';

/*
 * Shapes of the warranty API as the SPA reads them (docs: design of issue 13; the server's
 * chalicelib/modules/warranty/ schemas). The vocabularies' keys come from the generated
 * vocabulary, so a value the server adds shows up here with its names.
 */

export type StartBasis = keyof typeof VOCABULARY.start_basis;
export type ExclusionKey = keyof typeof VOCABULARY.exclusion;
export type PriceItem = keyof typeof VOCABULARY.price_item;
export type UnitSource = keyof typeof VOCABULARY.unit_source;

type Schemas = components['schemas'];
type Body<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type TermGroup = Schemas['TermGroup'];
/** A warranty template (三包条款与收费标准): the network's default (`model` null) or a model's;
 * `version` null: the built-in default, never saved. Prices in fen. */
export type Template = Schemas['Template'];
export type Templates = Schemas['Templates'];
export type TemplateBody = Body<'/api/warranty/templates/default', 'put'>;
/** A unit's terms as frozen at registration. */
export type UnitTerms = Schemas['UnitTerms'];
/** 产品档案: a unit as lists show it. */
export type Unit = Schemas['Unit'];
export type UnitPage = Schemas['UnitPage'];
export type UnitEvent = Schemas['UnitEvent'];
export type ServiceRecordLine = Schemas['ServiceRecordLine'];
export type TermsViewGroup = Schemas['TermsView']['groups'][number];
/** A unit with its terms view, contract, service record and audit trail (the unit page). */
export type UnitDetail = Schemas['UnitDetail'];
/** What registering a unit sends (POST /api/customers/{id}/equipment). */
export type NewUnit = Body<'/api/customers/{customer_id}/equipment', 'post'>;
/** A promotion extending a unit's terms. */
export type TermsChange = Body<'/api/customers/{customer_id}/units/{unit_id}/terms', 'post'>;

/** An Excel import of units: where it stands, what became of its rows, every bad row's reason. */
export type UnitImport = Schemas['UnitImport'];
export type ImportState = UnitImport['state'];
export type ImportRowError = UnitImport['errors'][number];
/** The import's sheet: its columns in order (a blank sheet is built from them). */
export type ImportSample = Schemas['UnitImportSample'];
