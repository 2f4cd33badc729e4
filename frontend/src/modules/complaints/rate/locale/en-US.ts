import type { Messages } from './zh-CN';

// English strings of the monthly complaint rate; the same keys as zh-CN.ts.
const enUS: Messages = {
  'menu.complaintRate': 'Complaint rate',

  'cmpRate.title': 'Monthly complaint rate',
  'cmpRate.cardTitle': 'Complaint rate · {scope} · {month}',
  'cmpRate.month': 'Month',
  'cmpRate.network': 'Network',
  'cmpRate.received': 'Complaints recorded',
  'cmpRate.valid': 'Valid complaints',
  'cmpRate.accepted': 'Orders accepted',
  'cmpRate.rate': 'Complaint rate',
  'cmpRate.rateHint': 'valid complaints ÷ orders accepted in the month',
  'cmpRate.byKind': 'By kind',
  'cmpRate.byDepartment': 'By responsible department',
  'cmpRate.department': 'Department',
  'cmpRate.none': 'No complaints in {month}',
  'cmpRate.notBuilt': 'The complaint rate of {month} is not built yet (each month’s is built on the 1st–5th of the next)',
  'cmpRate.buildNow': 'Build now',
  'cmpRate.rebuild': 'Rebuild',
  'cmpRate.built': 'Complaint rate of {month} built',
  'cmpRate.generated': 'Built {time}',
  'cmpRate.openPage': 'Details',
  'cmpRate.listTitle': '{what} · {count}',
  'cmpRate.listAll': 'All recorded complaints',
  'cmpRate.listValid': 'All valid complaints',
  'cmpRate.unrouted': 'Not routed',
};

export default enUS;
