import type { Messages } from './zh-CN';

// English strings of the consultations area; the same keys as zh-CN.ts.
const enUS: Messages = {
  'menu.consultations': 'Consultations',
  'menu.newConsultation': 'Record a question',

  'consult.boardTitle': 'Consultations and hand-over',
  'consult.tabOpen': 'To take over',
  'consult.tabDone': 'Done',
  'consult.new': 'Record a question or information',
  'consult.empty': 'No consultations',
  'consult.number': 'Number',
  'consult.receivedAt': 'Received',
  'consult.kind': 'Kind',
  'consult.channel': 'Channel',
  'consult.customer': 'Customer',
  'consult.customerName': 'Customer name',
  'consult.phone': 'Phone',
  'consult.content': 'Content',
  'consult.contentHint': "The customer's question or information: the unit, the address and what they need",
  'consult.recordedBy': 'Recorded by',
  'consult.clocks': 'Deadlines',

  'consult.newTitle': 'Record a question or information',
  'consult.newHint': 'Record what a customer asks or tells you at once: the service desk must take it over within 4 working hours.',
  'consult.submit': 'Submit',
  'consult.outletHint': "That outlet's service desk takes it over",
  'consult.created': 'Recorded {number}; the service desk will take it over',

  'consult.title': 'Consultation {number}',
  'consult.notFound': 'This consultation does not exist or you may not see it',
  'consult.takenOver': 'Taken over',
  'consult.answer': 'Answer',
  'consult.closedNote': 'Closing note',
  'consult.converted': 'Turned into',
  'consult.convertedOrder': 'work order {number}',
  'consult.convertedComplaint': 'complaint {number}',
  'consult.timeline': 'History',
  'consult.byAt': '{name} · {time}',
  'consult.takeOverConfirm': 'Take this consultation over?',
  'consult.answerText': 'Answer',
  'consult.closeNote': 'Closing note',
  'consult.toOrder': 'Make a work order',
  'consult.done.take_over': 'Taken over',
  'consult.done.answer': 'Answered',
  'consult.done.close': 'Closed',
  'consult.done.to_complaint': 'Complaint {number} recorded',
  'consult.stale': 'Someone changed this consultation first; it was reloaded, check it and try again',

  'consult.toComplaintTitle': 'Make a complaint',
  'consult.toComplaintHint': "The complainant is this consultation's customer; the consultation is marked as turned into a complaint.",
  'consult.aboutOrderPlaceholder': 'Type an order number',
};

export default enUS;
