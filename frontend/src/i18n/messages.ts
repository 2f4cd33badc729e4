import { VOCABULARY } from '../api/vocabulary';
import shared from './zh-CN';
import sharedEn from './en-US';
import account from '../modules/account/locale/zh-CN';
import accountEn from '../modules/account/locale/en-US';
import orders from '../modules/orders/locale/zh-CN';
import ordersEn from '../modules/orders/locale/en-US';
import customers from '../modules/customers/locale/zh-CN';
import customersEn from '../modules/customers/locale/en-US';
import directory from '../modules/directory/locale/zh-CN';
import directoryEn from '../modules/directory/locale/en-US';
import sla from '../modules/sla/locale/zh-CN';
import slaEn from '../modules/sla/locale/en-US';
import evidence from '../modules/evidence/locale/zh-CN';
import evidenceEn from '../modules/evidence/locale/en-US';
import figures from '../modules/figures/locale/zh-CN';
import figuresEn from '../modules/figures/locale/en-US';
import notifications from '../modules/notifications/locale/zh-CN';
import notificationsEn from '../modules/notifications/locale/en-US';
import dispatch from '../modules/dispatch/locale/zh-CN';
import dispatchEn from '../modules/dispatch/locale/en-US';
import warranty from '../modules/warranty/locale/zh-CN';
import warrantyEn from '../modules/warranty/locale/en-US';
import parts from '../modules/parts/locale/zh-CN';
import partsEn from '../modules/parts/locale/en-US';
import consultations from '../modules/consultations/locale/zh-CN';
import consultationsEn from '../modules/consultations/locale/en-US';
import conduct from '../modules/conduct/locale/zh-CN';
import conductEn from '../modules/conduct/locale/en-US';
import complaintRate from '../modules/complaints/rate/locale/zh-CN';
import complaintRateEn from '../modules/complaints/rate/locale/en-US';
import complaints from '../modules/complaints/locale/zh-CN';
import complaintsEn from '../modules/complaints/locale/en-US';

/*
 * The whole dictionary of each language: the shared strings plus every area's own. Each area's
 * en-US is typed against its zh-CN (same keys, or the build fails); `join` refuses, at compile
 * time, an area that reuses a key another part already has, so no string silently replaces
 * another.
 */

type Dict = Record<string, string>;
type Disjoint<A, B> = [keyof A & keyof B] extends [never] ? B : { 'keys defined twice': keyof A & keyof B };

function join<A extends Dict, B extends Dict>(a: A, b: Disjoint<A, B>): A & B {
  return { ...a, ...(b as B) };
}

/*
 * The names of the server's vocabularies (states, actions, events, types, clocks, categories,
 * roles…) are not written here: they are generated from the areas' vocabulary on the server
 * (api/vocabulary.ts, `make api-types`), the one source the exports, the service report and the
 * mails use too. `join` fails the build if a locale file names one of them again.
 */
type Vocabulary = typeof VOCABULARY;
type VocabularyKey = { [G in keyof Vocabulary]: `${G & string}.${keyof Vocabulary[G] & string}` }[keyof Vocabulary];

function vocabulary(lang: 'zh' | 'en'): Record<VocabularyKey, string> {
  const names: Record<string, string> = {};
  for (const [group, values] of Object.entries(VOCABULARY)) {
    for (const [value, name] of Object.entries(values as Record<string, { zh: string; en: string }>)) {
      names[`${group}.${value}`] = name[lang];
    }
  }
  return names as Record<VocabularyKey, string>;
}

const zhCN = join(
  join(
    join(join(join(join(join(join(join(join(join(join(join(shared, account), orders), customers), directory), sla), evidence), figures), notifications), dispatch), warranty), parts),
    join(join(join(consultations, conduct), complaintRate), complaints),
  ),
  vocabulary('zh'),
);

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const enUS: Messages = join(
  join(
    join(
      join(
        join(join(join(join(join(join(join(sharedEn, accountEn), ordersEn), customersEn), directoryEn), slaEn), evidenceEn), figuresEn),
        notificationsEn,
      ),
      dispatchEn,
    ),
    join(join(warrantyEn, partsEn), join(join(join(consultationsEn, conductEn), complaintRateEn), complaintsEn)),
  ),
  vocabulary('en'),
);

export const dictionaries = { 'zh-CN': zhCN as Messages, 'en-US': enUS };
