import type { VocabularyKey } from '../api/vocabulary';
import { NAMES as VOCABULARY_ZH } from '../api/vocabulary.zh';
import shared from './zh-CN';
import account from '../modules/account/locale/zh-CN';
import orders from '../modules/orders/locale/zh-CN';
import customers from '../modules/customers/locale/zh-CN';
import directory from '../modules/directory/locale/zh-CN';
import sla from '../modules/sla/locale/zh-CN';
import evidence from '../modules/evidence/locale/zh-CN';
import figures from '../modules/figures/locale/zh-CN';
import notifications from '../modules/notifications/locale/zh-CN';
import dispatch from '../modules/dispatch/locale/zh-CN';
import warranty from '../modules/warranty/locale/zh-CN';
import parts from '../modules/parts/locale/zh-CN';
import consultations from '../modules/consultations/locale/zh-CN';
import conduct from '../modules/conduct/locale/zh-CN';
import complaintRate from '../modules/complaints/rate/locale/zh-CN';
import complaints from '../modules/complaints/locale/zh-CN';
import technicians from '../modules/technicians/locale/zh-CN';
import fees from '../modules/fees/locale/zh-CN';
import contracts from '../modules/contracts/locale/zh-CN';

/*
 * The whole dictionary of each language: the shared strings plus every area's own. Each area's
 * en-US is typed against its zh-CN (same keys, or the build fails); `join` refuses, at compile
 * time, an area that reuses a key another part already has, so no string silently replaces
 * another.
 */

type Dict = Record<string, string>;
type Disjoint<A, B> = [keyof A & keyof B] extends [never] ? B : { 'keys defined twice': keyof A & keyof B };

export function join<A extends Dict, B extends Dict>(a: A, b: Disjoint<A, B>): A & B {
  return { ...a, ...(b as B) };
}

/*
 * The names of the server's vocabularies (states, actions, events, types, clocks, categories,
 * roles…) are not written here: they are generated from the areas' vocabulary on the server
 * (api/vocabulary.ts, `make api-types`), the one source the exports, the service report and the
 * mails use too. `join` fails the build if a locale file names one of them again.
 */
export type { VocabularyKey };

/** The vocabulary's names in one language (generated: api/vocabulary.<lang>.ts). */
export function vocabulary(names: Record<VocabularyKey, string>): Record<VocabularyKey, string> {
  return names;
}

const zhCN = join(
  join(
    join(join(join(join(join(join(join(join(join(join(join(shared, account), orders), customers), directory), sla), evidence), figures), notifications), dispatch), warranty), parts),
    join(join(join(join(join(join(consultations, conduct), complaintRate), complaints), technicians), fees), contracts),
  ),
  vocabulary(VOCABULARY_ZH),
);

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

/** The Chinese dictionary: the first language, in the first page's script. */
export const zhDictionary = zhCN as Messages;

/** The English dictionary, loaded when English is chosen (not in the first page's script). */
export const loadEnglish = (): Promise<Messages> => import('./messages.en').then((m) => m.enUS);
