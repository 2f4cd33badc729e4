import type { ChecklistArea } from '../types';

/**
 * The standard inspection checklist (001 §14: 前端设备、线路、中心控制、系统功能), a starting
 * point the form fills in on request; each contract keeps its own copy, edited as agreed.
 */
export const CHECKLIST_TEMPLATE: ChecklistArea[] = [
  { area: '前端设备', items: ['摄像机图像清晰、无干扰', '云台、镜头转动及变焦正常', '防护罩、支架牢固完好', '探测器等前端设备工作正常'] },
  { area: '线路', items: ['线缆无破损、老化', '接头无松动、氧化', '防雷接地良好'] },
  { area: '中心控制', items: ['主机、录像设备运行正常', '显示设备图像正常', '电源、UPS 工作正常'] },
  { area: '系统功能', items: ['录像存储与回放正常', '报警联动功能正常', '系统时间校准正确'] },
];
