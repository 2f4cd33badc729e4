// Simplified Chinese strings of the monthly complaint rate (月度投诉率: its page and the dashboard
// card): the reference set of keys of this part. Complaint kinds, states (the not judged and
// unfounded counts too) and the departments' names come from the server (vocabulary, the rate's
// answer), not from here.
const zhCN = {
  'menu.complaintRate': '投诉率',

  'cmpRate.title': '月度投诉率',
  'cmpRate.cardTitle': '投诉率 · {scope} · {month}',
  'cmpRate.month': '月份',
  'cmpRate.network': '全网',
  'cmpRate.received': '登记投诉',
  'cmpRate.valid': '有效投诉',
  'cmpRate.accepted': '受理工单',
  'cmpRate.rate': '投诉率',
  'cmpRate.rateHint': '有效投诉 ÷ 当月受理工单',
  'cmpRate.byKind': '按投诉类别',
  'cmpRate.byDepartment': '按责任部门',
  'cmpRate.department': '部门',
  'cmpRate.none': '{month} 没有投诉',
  'cmpRate.notBuilt': '{month} 的投诉率尚未生成（每月 1–5 日生成上月投诉率）',
  'cmpRate.buildNow': '立即生成',
  'cmpRate.rebuild': '重新生成',
  'cmpRate.built': '{month} 投诉率已生成',
  'cmpRate.generated': '生成于 {time}',
  'cmpRate.openPage': '查看明细',
  'cmpRate.listTitle': '{what} · {count} 件',
  'cmpRate.listAll': '全部登记投诉',
  'cmpRate.listValid': '全部有效投诉',
  'cmpRate.unrouted': '未分派',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
