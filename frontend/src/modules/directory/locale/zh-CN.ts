// Simplified Chinese strings of outlets and staff: the reference set of keys of this area.
const zhCN = {
  'directory.outlet': '服务网点',
  'directory.pickStaff': '选择人员',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
