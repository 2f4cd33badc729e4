import type { Messages } from './zh-CN';

// English: typed against the Chinese strings, so a missing or extra key fails the build.
const enUS: Messages = {
  'app.name': 'Fuwu',
  'app.title': 'Fuwu · After-sales service',

  'common.loadMore': 'Load more',
  'common.submit': 'Submit',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.home': 'Back to home',
  'common.yes': 'Yes',
  'common.no': 'No',
  // separators and asides in running text (the language's punctuation)
  'common.listSep': ', ',
  'common.groupSep': '; ',
  'common.aside': '{text} ({aside})',
  'common.charged': 'charged {amount}',
  'common.wholeMachine': 'Whole machine',
  'common.lastCoveredDay': 'last covered day {day}',
  'common.none': 'None',
  'common.error': 'Something went wrong',
  'common.networkError': 'Cannot reach the server; check your connection and try again',
  'common.required': 'Please enter {label}',
  'common.colon': ': ',
  'common.yuanFormat': 'Enter an amount in yuan with at most two decimals',
  'common.yuanMin': 'The amount must be at least {min}',
  'common.phoneFormat': 'A phone number has digits, spaces and + - ( ) only',

  'error.networkTitle': 'Cannot reach the server',
  'error.networkHint': 'Check your connection, then try again.',
  'error.serverTitle': 'The server had a problem',
  'error.serverHint': 'Nothing you did caused it; please try again in a moment.',
  'error.reference': 'reference {id}',
  'error.withReference': '{text} ({ref})',
  'error.serverToast': 'The server had a problem; please try again',
  'error.loadTitle': 'Could not load',
  'error.retry': 'Retry',
  'error.stale': 'Could not refresh; showing what was loaded before.',
  'error.fields': '{message}: {fields}',

  'table.columns': 'Columns',
  'table.columnsHint': 'Choose the columns to show',
  'table.resetColumns': 'Reset',
  'table.narrowHidden': 'Not shown at this window width',

  'lang.switchTo': '中文',

  'menu.open': 'Open menu',

  'header.logout': 'Log out',

  'col.number': 'Number',
  'col.customer': 'Customer',
  'col.type': 'Type',
  'col.priority': 'Priority',
  'col.state': 'State',
  'col.technician': 'Technician',
  'col.createdAt': 'Created',

  'notFound.title': 'Page not found',
  'forbidden.title': 'You may not open this page',







  'col.sla': 'SLA',
  'col.clock': 'Clock',
  'col.due': 'Due',
  'col.timeLeft': 'Time left',

  'dur.d': '{d}d',
  'dur.dh': '{d}d {h}h',
  'dur.hm': '{h}h {m}m',
  'dur.m': '{m}m',

  'sla.left': '{d} left',
  'sla.late': '{d} late',
  'sla.lateBy': '{d} late',
  'sla.dueAt': 'Due {time}',
  'sla.targetWithBasis': '{amount} ({basis})',


  'slaStatus.on_track': 'On track',
  'slaStatus.at_risk': 'At risk',
  'slaStatus.breached': 'Breached',
  'slaStatus.met': 'Met',
  'slaStatus.missed': 'Missed',
  'slaStatus.paused': 'Paused',
  'slaStatus.cancelled': 'Cancelled',

  'basis.calendar': 'calendar time',
  'basis.working': 'working time',

  'unit.minutes': '{n} minutes',
  'unit.hours': '{n} hours',
  'unit.working_days': '{n} working days',


  'reason.night': 'outside working hours',
  'reason.weekend': 'weekend',
  'reason.workday': 'working day',
  "reason.New Year's Day": "New Year's Day",
  'reason.Spring Festival': 'Spring Festival',
  'reason.Tomb-sweeping Day': 'Tomb-sweeping Day',
  'reason.Labour Day': 'Labour Day',
  'reason.Dragon Boat Festival': 'Dragon Boat Festival',
  'reason.National Day': 'National Day',
  'reason.Mid-autumn Festival': 'Mid-autumn Festival',
  'reason.override': 'override: {reason}',
  'reason.adjusted': 'adjusted working day ({holiday})',

};

export default enUS;
