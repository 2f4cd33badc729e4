import type { Messages } from './zh-CN';

// English strings of the inbox: typed against the Chinese ones (same keys, or the build fails).
const enUS: Messages = {
  'menu.notifications': 'Notifications',

  'inbox.title': 'Notifications',
  'inbox.pageTitle': 'Notifications',
  'inbox.readAll': 'Mark all read',
  'inbox.markedAll': '{count} notifications marked read',
  'inbox.empty': 'No notifications',
  'inbox.viewAll': 'View all notifications',
  'inbox.all': 'All',
  'inbox.unread': 'Unread',
  'inbox.unreadN': 'Unread ({count})',
};

export default enUS;
