/**
 * Strings of the newcomer fixes (cut list, pan and zoom, the fault editor), both languages. Kept
 * apart from strings.ts so parallel work on the shared table does not collide.
 */
import type { Lang } from './strings';

const zh = {
  partitioned: '分区中',
  cutsTitle: '已切断的链路',
  cutItem: (n: number, a: string, b: string, twoWay: boolean) =>
    `✂${n} ${a} ${twoWay ? '⇹' : '→'} ${b}：${twoWay ? '双向不通' : '单向不通'}`,
  zoomIn: '放大集群视图',
  zoomOut: '缩小集群视图',
  zoomReset: '还原视图',
  zoomHint: '拖动平移，滚轮或双指缩放',
  faultEditor: (label: string) => `编辑故障：${label}`,
  faultTime: '时间（秒）',
  faultTarget: '目标节点',
  faultApply: '应用',
  faultDelete: '删除故障',
  faultClose: '关闭',
};

export type NewcomerStrings = typeof zh;

const en: NewcomerStrings = {
  partitioned: 'partitioned',
  cutsTitle: 'Cut links',
  cutItem: (n, a, b, twoWay) =>
    `✂${n} ${a} ${twoWay ? '⇹' : '→'} ${b}: ${twoWay ? 'cut both ways' : 'cut one way'}`,
  zoomIn: 'Zoom in on the cluster',
  zoomOut: 'Zoom out of the cluster',
  zoomReset: 'Reset the view',
  zoomHint: 'Drag to pan, wheel or pinch to zoom',
  faultEditor: (label) => `Edit fault: ${label}`,
  faultTime: 'Time (s)',
  faultTarget: 'Target node',
  faultApply: 'Apply',
  faultDelete: 'Delete fault',
  faultClose: 'Close',
};

export const NEWCOMER_STRINGS: Record<Lang, NewcomerStrings> = { zh, en };
