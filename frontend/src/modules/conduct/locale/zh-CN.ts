// Simplified Chinese strings of the conduct ledger (奖惩台账) and a person's record: the reference
// set of keys of this area. Entry kinds and sources, penalty kinds, complaint kinds and states
// come from the server's vocabulary (api/vocabulary.ts), a complaint's labels (number, kind,
// received) from the complaints area's locale, not from here.
const zhCN = {
  'menu.myConduct': '我的奖惩',

  'conduct.title': '{name} 的奖惩记录',
  'conduct.month': '月份',
  'conduct.outlet': '网点',
  'conduct.role': '岗位',
  'conduct.penaltyTotal': '处罚合计',
  'conduct.rewardTotal': '奖励合计',
  'conduct.ledger': '{month} 奖惩台账',
  'conduct.noEntries': '没有奖惩记录',
  'conduct.kind': '类别',
  'conduct.penaltyKind': '处罚方式',
  'conduct.amount': '金额',
  'conduct.reason': '事由',
  'conduct.source': '来源',
  'conduct.by': '登记人',
  'conduct.at': '时间',
  'conduct.complaints': '有关的客户投诉',
  'conduct.noComplaints': '没有有关的投诉',
  'conduct.notFound': '人员不存在或无权查看其记录',

  // entering a reward or a penalty (a manager of the person's outlet, head office)
  'conduct.add': '登记奖惩',
  'conduct.addTitle': '为 {name} 登记奖惩',
  'conduct.amountHint': '罚款、扣发奖金与奖励填写金额；警告、记过不填',
  'conduct.added': '已登记',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
