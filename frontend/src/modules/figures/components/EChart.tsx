import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what the dashboard draws, so the chunk stays small. Import this file from lazy pages only:
// it is what pulls ECharts into a bundle.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** The part of an ECharts mouse event the pages use. */
export interface ChartClick {
  componentType: string;
  seriesIndex?: number;
  seriesId?: string;
  seriesName?: string;
  dataIndex: number;
  name: string;
  /** For a click on an axis label (`triggerEvent: true`): the label's value. */
  value?: unknown;
}

interface Props {
  option: ChartOption;
  height?: number;
  testId: string;
  onClick?: (event: ChartClick) => void;
  style?: CSSProperties;
}

/**
 * A minimal ECharts host: one instance per element, options replaced on change, resized with its
 * container (ResizeObserver), disposed on unmount.
 */
export function EChart({ option, height = 280, testId, onClick, style }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    chart.on('click', (params) => clickRef.current?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => {
      if (!chart.isDisposed()) chart.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}
