// Simplified Chinese: the strings every area shares (the shell, common words, the domain's
// vocabulary). The reference set of keys: en-US.ts must have exactly the same keys. Each
// area keeps its own strings in src/modules/<area>/locale/; src/i18n/messages.ts merges them.
const zhCN = {
  'app.name': '服务',
  'app.title': '服务 · 售后服务管理',

  'common.loadMore': '加载更多',
  'common.submit': '提交',
  'common.cancel': '取消',
  'common.back': '返回',
  'common.home': '返回首页',
  'common.yes': '是',
  'common.no': '否',
  // separators and asides in running text (the language's punctuation)
  'common.listSep': '、',
  'common.groupSep': '；',
  'common.aside': '{text}（{aside}）',
  'common.charged': '应收 {amount}',
  'common.wholeMachine': '整机',
  'common.lastCoveredDay': '最后保修日 {day}',
  'common.none': '无',
  'common.error': '出错了',
  'common.networkError': '无法连接服务器，请检查网络连接后重试',
  'common.required': '请填写{label}',
  'common.colon': '：',
  'common.yuanFormat': '请输入金额（元），最多两位小数',
  'common.yuanMin': '金额不能少于 {min}',
  'common.phoneFormat': '电话只能包含数字、空格和 + - ( )',

  // Failed loads and writes (components/ErrorState, utils/errors): what happened, in plain words
  'error.networkTitle': '无法连接服务器',
  'error.networkHint': '请检查网络连接，然后重试。',
  'error.serverTitle': '服务器出错',
  'error.serverHint': '这不是您的操作问题，请稍后重试。',
  'error.reference': '参考号 {id}',
  'error.withReference': '{text}（{ref}）',
  'error.serverToast': '服务器出错，请稍后重试',
  'error.loadTitle': '无法加载',
  'error.retry': '重试',
  'error.stale': '刷新失败，下面是上次加载的内容。',
  'error.fields': '{message}：{fields}',

  // Lists (components/ResponsiveTable)
  'table.columns': '列设置',
  'table.columnsHint': '选择要显示的列',
  'table.resetColumns': '恢复默认',
  'table.narrowHidden': '窗口较窄，此列暂不显示',

  'lang.switchTo': 'English',

  'menu.open': '打开菜单',

  'header.logout': '退出登录',

  'col.number': '工单号',
  'col.customer': '客户',
  'col.type': '类型',
  'col.priority': '优先级',
  'col.state': '状态',
  'col.technician': '维修工程师',
  'col.createdAt': '登记时间',

  'notFound.title': '页面不存在',
  'forbidden.title': '无权访问此页面',







  'col.sla': '时限',
  'col.clock': '时限',
  'col.due': '到期时间',
  'col.timeLeft': '剩余时间',

  'dur.d': '{d}天',
  'dur.dh': '{d}天{h}小时',
  'dur.hm': '{h}小时{m}分',
  'dur.m': '{m}分',

  'sla.left': '剩余 {d}',
  'sla.late': '超时 {d}',
  'sla.lateBy': '超时 {d}',
  'sla.dueAt': '到期 {time}',
  'sla.targetWithBasis': '{amount}（{basis}）',


  'slaStatus.on_track': '正常',
  'slaStatus.at_risk': '即将超时',
  'slaStatus.breached': '已超时',
  'slaStatus.met': '按时完成',
  'slaStatus.missed': '超时完成',
  'slaStatus.paused': '已暂停',
  'slaStatus.cancelled': '已取消',

  'basis.calendar': '自然时间',
  'basis.working': '工作时间',

  'unit.minutes': '{n} 分钟',
  'unit.hours': '{n} 小时',
  'unit.working_days': '{n} 个工作日',


  'reason.night': '非工作时间',
  'reason.weekend': '周末',
  'reason.workday': '工作日',
  "reason.New Year's Day": '元旦',
  'reason.Spring Festival': '春节',
  'reason.Tomb-sweeping Day': '清明',
  'reason.Labour Day': '劳动节',
  'reason.Dragon Boat Festival': '端午',
  'reason.National Day': '国庆节',
  'reason.Mid-autumn Festival': '中秋',
  'reason.override': '调整：{reason}',
  'reason.adjusted': '{holiday}调休上班',

};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
