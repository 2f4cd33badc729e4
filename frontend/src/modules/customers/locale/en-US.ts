import type { Messages } from './zh-CN';

// English strings of customers: typed against the Chinese ones (same keys, or the build fails).
const enUS: Messages = {
  'new.customerSearch': 'Search customers by name or phone',
  'new.newCustomerTitle': 'New customer',
  'new.firstSite': 'First site (optional)',
  'new.firstEquipment': 'Equipment (optional)',
  'new.createCustomer': 'Save customer',

  'cust.name': 'Customer name',
  'cust.phone': 'Phone',
  'cust.contact_name': 'Contact person',
  'cust.address': 'Address',
  'cust.region': 'Region',
  'cust.site_name': 'Site name',
  'cust.site_address': 'Site address',
  'cust.lat': 'Latitude',
  'cust.lng': 'Longitude',
  'cust.distance_km': 'Distance from outlet (km)',
  'cust.model': 'Model',
  'cust.serial_no': 'Serial number',
};

export default enUS;
