// Simplified Chinese strings of the consultations area (咨询与信息交接): the reference set of keys
// of this area. The names of consultation kinds, states, actions and channels, and of complaint
// kinds, come from the server's vocabulary (api/vocabulary.ts); the complaint form's labels
// (转为投诉) from the complaints area's locale, not from here.
const zhCN = {
  'menu.consultations': '咨询与交接',
  'menu.newConsultation': '记录咨询/信息',

  'consult.boardTitle': '咨询与信息交接',
  'consult.tabOpen': '待交接',
  'consult.tabDone': '已办结',
  'consult.new': '记录咨询/信息',
  'consult.empty': '没有咨询或信息',
  'consult.number': '编号',
  'consult.receivedAt': '接收时间',
  'consult.kind': '类别',
  'consult.channel': '渠道',
  'consult.customer': '客户',
  'consult.customerName': '客户姓名',
  'consult.phone': '联系电话',
  'consult.content': '内容',
  'consult.contentHint': '顾客的问题或提供的信息，尽量写清设备、地址和需求',
  'consult.recordedBy': '记录人',
  'consult.clocks': '时限',

  // the form (phone-first: a technician records what a customer told them)
  'consult.newTitle': '记录咨询/信息',
  'consult.newHint': '顾客向您咨询或提供售后信息时请立即记录，服务部须在 4 个工作小时内接手。',
  'consult.submit': '提交',
  'consult.outletHint': '由该网点的服务部接手',
  'consult.created': '已记录 {number}，服务部将尽快接手',

  // the consultation's page
  'consult.title': '咨询 {number}',
  'consult.notFound': '咨询不存在或无权查看',
  'consult.takenOver': '接手',
  'consult.answer': '答复',
  'consult.closedNote': '办结说明',
  'consult.converted': '已转为',
  'consult.convertedOrder': '工单 {number}',
  'consult.convertedComplaint': '投诉 {number}',
  'consult.timeline': '处理记录',
  'consult.byAt': '{name} · {time}',
  'consult.takeOverConfirm': '确认由您接手这条咨询/信息？',
  'consult.answerText': '答复内容',
  'consult.closeNote': '办结说明',
  'consult.toOrder': '转为工单',
  'consult.done.take_over': '已接手',
  'consult.done.answer': '已答复',
  'consult.done.close': '已办结',
  'consult.done.to_complaint': '已转为投诉 {number}',
  'consult.stale': '该咨询已被他人更新，已重新加载，请核对后再操作',

  // 转为投诉: the complaint made from it in one action
  'consult.toComplaintTitle': '转为投诉',
  'consult.toComplaintHint': '投诉人取自本咨询的客户，提交后本咨询标为已转投诉。',
  'consult.aboutOrderPlaceholder': '输入工单号搜索',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
