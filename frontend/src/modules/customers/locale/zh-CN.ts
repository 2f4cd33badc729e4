// Simplified Chinese strings of customers: the reference set of keys of this area.
const zhCN = {
  'new.customerSearch': '输入客户名称或电话搜索',
  'new.newCustomerTitle': '新建客户',
  'new.firstSite': '首个项目/地点（选填）',
  'new.firstEquipment': '设备（选填）',
  'new.createCustomer': '保存客户',

  'cust.name': '客户名称',
  'cust.phone': '联系电话',
  'cust.contact_name': '联系人',
  'cust.address': '地址',
  'cust.region': '区域',
  'cust.site_name': '项目/地点名称',
  'cust.site_address': '项目地址',
  'cust.lat': '纬度',
  'cust.lng': '经度',
  'cust.distance_km': '距网点距离（公里）',
  'cust.model': '型号',
  'cust.serial_no': '序列号',
};

export type Messages = Record<keyof typeof zhCN, string>;

export default zhCN;
