// Simplified Chinese strings of dispatching: the board and the technician picker; the reference set of keys of this area.
const zhCN = {
  'menu.dispatchBoard': '派工看板',

  'dispatch.board.title': '派工看板',
  'dispatch.board.hint': '各维修工程师的在手工单与今明两天的约定上门时间（{tz}）',
  'dispatch.board.refresh': '刷新',
  'dispatch.board.updated': '更新于 {time}',
  'dispatch.board.empty': '本网点暂无在岗维修工程师',
  'dispatch.board.technician': '维修工程师',
  'dispatch.board.openJobs': '在手工单',
  'dispatch.board.today': '今天 {date}',
  'dispatch.board.tomorrow': '明天 {date}',
  'dispatch.board.noVisits': '无预约',
  'dispatch.board.noJobs': '空闲',
  'dispatch.board.visited': '已到场',
  'dispatch.board.unassigned': '待派工（{n}）',
  'dispatch.board.unassignedMore': '仅显示最早的 {n} 张',
  'dispatch.board.noUnassigned': '没有待派工的工单',
  'dispatch.board.due': '最近时限 {time}',
  'dispatch.board.dispatch': '派工',
  'dispatch.board.openOrder': '打开工单',
  'dispatch.board.alreadyDispatched': '该工单已不在待派工状态（{state}）',
  'dispatch.board.conflict': '他人已先处理了该工单，下面是它现在的状态',

  'dispatch.picker.loading': '正在计算各工程师的工作量…',
  'dispatch.picker.empty': '本网点没有在岗的维修工程师',
  'dispatch.picker.recommended': '推荐',
  'dispatch.picker.openJobs': '在手 {n}',
  'dispatch.picker.todayVisits': '今日预约 {n}',
  'dispatch.picker.distance': '{km} 公里',
  'dispatch.picker.distanceUnknown': '距离未知',
  'dispatch.picker.noSite': '现场没有坐标，距离按工单登记的距离估算',
  'dispatch.picker.stars': '{n} 星',
  'dispatch.picker.noStars': '未定星级',
  'dispatch.picker.qualifiedFirstWithPlan': '按{jobClasses}（含待批方案的工种）的资质要求，符合的排在前面',
  'dispatch.picker.quoted': '「{name}」',
};

export type Messages = Record<keyof typeof zhCN, string>;
export default zhCN;
