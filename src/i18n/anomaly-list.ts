/**
 * The anomaly list's paging and filter texts, in both languages. The count cards filter the list
 * by kind; the list shows a page at a time, with what it holds and what the worker left out.
 */
type Lang = 'zh' | 'en';

export interface AnomalyListStrings {
  /** The count card's hint when pressed or not. */
  filterOn: string;
  filterOff: string;
  /** "Showing 101–200 of 1,204". */
  range: (from: number, to: number, of: number) => string;
  prev: string;
  next: string;
  pager: string;
  /** The selected anomaly's chain is on its way from the worker. */
  chainLoading: (n: number) => string;
}

const n = (x: number) => x.toLocaleString('en-US');

export const ANOMALY_LIST: Record<Lang, AnomalyListStrings> = {
  zh: {
    filterOn: '只列出这一类；再点一次列出全部',
    filterOff: '点击只列出这一类',
    range: (from, to, of) => `第 ${n(from)}–${n(to)} 条，共 ${n(of)} 条`,
    prev: '上一页',
    next: '下一页',
    pager: '异常列表翻页',
    chainLoading: (len) => `正在取回因果链（${n(len)} 条记录）…`,
  },
  en: {
    filterOn: 'Listing only this kind; click again to list all',
    filterOff: 'Click to list only this kind',
    range: (from, to, of) => `${n(from)}–${n(to)} of ${n(of)}`,
    prev: 'Previous',
    next: 'Next',
    pager: 'Anomaly list pages',
    chainLoading: (len) => `Fetching its cause chain (${n(len)} entries)…`,
  },
};
