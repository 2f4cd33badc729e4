import type { Messages } from './zh-CN';

// English strings of dispatching: typed against the Chinese ones (same keys, or the build fails).
const enUS: Messages = {
  'menu.dispatchBoard': 'Dispatch board',

  'dispatch.board.title': 'Dispatch board',
  'dispatch.board.hint': "Each technician's open jobs and the visits agreed for today and tomorrow ({tz})",
  'dispatch.board.refresh': 'Refresh',
  'dispatch.board.updated': 'Updated {time}',
  'dispatch.board.empty': 'No active technicians at this outlet',
  'dispatch.board.technician': 'Technician',
  'dispatch.board.openJobs': 'Open jobs',
  'dispatch.board.today': 'Today {date}',
  'dispatch.board.tomorrow': 'Tomorrow {date}',
  'dispatch.board.noVisits': 'No visits',
  'dispatch.board.noJobs': 'Free',
  'dispatch.board.visited': 'On site',
  'dispatch.board.unassigned': 'Awaiting dispatch ({n})',
  'dispatch.board.unassignedMore': 'Showing the oldest {n} only',
  'dispatch.board.noUnassigned': 'No orders awaiting dispatch',
  'dispatch.board.due': 'Next due {time}',
  'dispatch.board.dispatch': 'Dispatch',
  'dispatch.board.openOrder': 'Open the order',
  'dispatch.board.alreadyDispatched': 'This order is no longer awaiting dispatch ({state})',
  'dispatch.board.conflict': 'Someone else changed this order first; it is shown below as it is now',

  'dispatch.picker.loading': "Weighing the technicians' workload…",
  'dispatch.picker.empty': 'No active technicians at this outlet',
  'dispatch.picker.recommended': 'Suggested',
  'dispatch.picker.openJobs': '{n} open',
  'dispatch.picker.todayVisits': '{n} visits today',
  'dispatch.picker.distance': '{km} km',
  'dispatch.picker.distanceUnknown': 'Distance unknown',
  'dispatch.picker.noSite': "The site has no coordinates: distances use the order's recorded distance",
  'dispatch.picker.stars': '{n}★',
  'dispatch.picker.noStars': 'No star level',
  'dispatch.picker.qualifiedFirstWithPlan': 'Qualified for {jobClasses} (the plan\'s job classes included) first',
  'dispatch.picker.quoted': '"{name}"',
};

export default enUS;
