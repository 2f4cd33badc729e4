import type { Messages } from './zh-CN';

// English strings of outlets and staff: typed against the Chinese ones (same keys, or the build fails).
const enUS: Messages = {
  'directory.outlet': 'Outlet',
  'directory.pickStaff': 'Pick a person',
};

export default enUS;
