import { lazyWidget, type Area } from '../../app/area';

/**
 * Field evidence: photos and documents of an order (the panel and gallery on the order page),
 * the browser's upload queue (lib/queue.ts, IndexedDB: files waiting for a connection, not
 * server data), the customer's signature pad and the service reports. In the header: how many
 * files are still to upload.
 */
export const evidence: Area = {
  name: 'evidence',
  header: [{ key: 'upload-queue', element: lazyWidget(() => import('./components/UploadQueueBadge'), 'UploadQueueBadge'), order: 10 }],
};
