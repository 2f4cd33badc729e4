import { useNavigate } from 'react-router-dom';
import { App } from 'antd';
import type { Notification } from '../../api/types';
import { useI18n } from '../../i18n';
import { useShowError } from '../../utils/errors';
import { useMarkAllRead, useMarkRead } from './queries';

/**
 * What the bell and the inbox page do with notifications: open one (marked read, then its
 * subject at the link the server gives, whatever kind of subject it is) and mark all read.
 */
export function useInboxActions() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useI18n();
  const showError = useShowError();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const open = (item: Notification) => {
    if (!item.read) markRead(item.id);
    navigate(item.link);
  };

  const readAll = async () => {
    try {
      const result = await markAllRead();
      message.success(t('inbox.markedAll', { count: result?.count ?? 0 }));
    } catch (err) {
      showError(err);
    }
  };

  return { open, readAll };
}
