import type { Messages } from './zh-CN';

// English strings of the conduct ledger and a person's record; the same keys as zh-CN.ts.
const enUS: Messages = {
  'menu.myConduct': 'My rewards and penalties',

  'conduct.title': "{name}'s record",
  'conduct.month': 'Month',
  'conduct.outlet': 'Outlet',
  'conduct.role': 'Role',
  'conduct.penaltyTotal': 'Penalties in total',
  'conduct.rewardTotal': 'Rewards in total',
  'conduct.ledger': 'Ledger {month}',
  'conduct.noEntries': 'No rewards or penalties',
  'conduct.kind': 'Kind',
  'conduct.penaltyKind': 'Penalty',
  'conduct.amount': 'Amount',
  'conduct.reason': 'Reason',
  'conduct.source': 'Source',
  'conduct.by': 'Entered by',
  'conduct.at': 'At',
  'conduct.complaints': 'Complaints about them',
  'conduct.noComplaints': 'No complaints',
  'conduct.notFound': 'This person does not exist or you may not see their record',

  'conduct.add': 'Add reward or penalty',
  'conduct.addTitle': 'Reward or penalty for {name}',
  'conduct.amountHint': 'For a fine, a bonus deduction or a reward; none for a warning or a demerit',
  'conduct.added': 'Entered',
};

export default enUS;
