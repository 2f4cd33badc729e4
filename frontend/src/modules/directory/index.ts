import type { Area } from '../../app/area';

/**
 * The directory: outlets and staff, read once and shared by every page that names or picks an
 * outlet or a technician (queries.ts, the outlet picker). No pages of its own.
 */
export const directory: Area = { name: 'directory' };
