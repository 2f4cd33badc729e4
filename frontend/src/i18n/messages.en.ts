/*
 * The English dictionary (messages.ts explains the shape): its own chunk, loaded when a reader
 * chooses English, so the sign-in page of the first language carries only the Chinese strings.
 */
import { join, vocabulary, type Messages } from './messages';
import { NAMES as VOCABULARY_EN } from '../api/vocabulary.en';
import sharedEn from './en-US';
import accountEn from '../modules/account/locale/en-US';
import ordersEn from '../modules/orders/locale/en-US';
import customersEn from '../modules/customers/locale/en-US';
import directoryEn from '../modules/directory/locale/en-US';
import slaEn from '../modules/sla/locale/en-US';
import evidenceEn from '../modules/evidence/locale/en-US';
import figuresEn from '../modules/figures/locale/en-US';
import notificationsEn from '../modules/notifications/locale/en-US';
import dispatchEn from '../modules/dispatch/locale/en-US';
import warrantyEn from '../modules/warranty/locale/en-US';
import partsEn from '../modules/parts/locale/en-US';
import consultationsEn from '../modules/consultations/locale/en-US';
import conductEn from '../modules/conduct/locale/en-US';
import complaintRateEn from '../modules/complaints/rate/locale/en-US';
import complaintsEn from '../modules/complaints/locale/en-US';
import techniciansEn from '../modules/technicians/locale/en-US';
import feesEn from '../modules/fees/locale/en-US';
import contractsEn from '../modules/contracts/locale/en-US';

export const enUS: Messages = join(
  join(
    join(
      join(
        join(join(join(join(join(join(join(sharedEn, accountEn), ordersEn), customersEn), directoryEn), slaEn), evidenceEn), figuresEn),
        notificationsEn,
      ),
      dispatchEn,
    ),
    join(join(warrantyEn, partsEn), join(join(join(join(join(join(consultationsEn, conductEn), complaintRateEn), complaintsEn), techniciansEn), feesEn), contractsEn)),
  ),
  vocabulary(VOCABULARY_EN),
);
