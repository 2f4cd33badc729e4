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
  'cmpRate.unfounded': 'Unfounded',
  'cmpRate.pending': 'Not judged',
  'cmpRate.accepted': 'Orders accepted',
  'cmpRate.rate': 'Complaint rate',
  'cmpRate.rateHint': 'valid complaints ÷ orders accepted in the month',
  'cmpRate.byKind': 'By kind',
  'cmpRate.byDepartment': 'By responsible department',
  'cmpRate.kind': 'Kind',
  'cmpRate.department': 'Department',
  'cmpRate.none': 'No complaints this month',
  'cmpRate.notBuilt': "This month's complaint rate is not built yet (it is built on the 1st–5th of each month)",
  'cmpRate.buildNow': 'Build now',
  'cmpRate.rebuild': 'Rebuild',
  'cmpRate.built': 'Complaint rate of {month} built',
  'cmpRate.generated': 'Built {time}',
  'cmpRate.openPage': 'Details',
  'cmpRate.listTitle': '{what} · {count}',
  'cmpRate.listAll': 'All recorded complaints',
  'cmpRate.listValid': 'All valid complaints',
  'cmpRate.number': 'Complaint',
  'cmpRate.state': 'State',
  'cmpRate.receivedAt': 'Received',
  'cmpRate.unrouted': 'Not routed',
};

export default enUS;
