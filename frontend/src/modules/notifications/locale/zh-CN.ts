// Simplified Chinese strings of the inbox: the reference set of keys of this area.
const zhCN = {
  'menu.notifications': '通知',

  'inbox.title': '通知',
  'inbox.pageTitle': '通知',
  'inbox.readAll': '全部已读',
  'inbox.markedAll': '已将 {count} 条通知标为已读',
  'inbox.empty': '暂无通知',
  'inbox.viewAll': '查看全部通知',
  'inbox.all': '全部',
  'inbox.unread': '未读',
  'inbox.unreadN': '未读（{count}）',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
