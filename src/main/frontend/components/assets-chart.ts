// <assets-chart>: draws one Apache ECharts chart from a JSON spec set by the Java Chart component.
// The chart lives in the shadow root; the light DOM holds the text summary the Java side writes,
// shown through a slot so screen readers (and people who ask for it) get the same facts.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Kind = 'line' | 'bar' | 'pie' | 'donut';

interface Spec {
  kind: Kind;
  title: string;
  language: string;
  stacked: boolean;
  horizontal: boolean;
  categories: string[];
  series: { name: string; values: number[] }[];
}

const PALETTE_SIZE = 6;

class AssetsChart extends HTMLElement {
  private readonly canvas: HTMLDivElement;
  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;
  private spec?: Spec;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>
        :host { display: block; position: relative; min-height: 12rem; }
        .canvas { position: absolute; inset: 0; direction: ltr; }
        ::slotted(*) {
          position: absolute !important; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
        }
      </style>
      <div class="canvas" aria-hidden="true"></div>
      <slot></slot>`;
    this.canvas = root.querySelector('.canvas') as HTMLDivElement;
  }

  set config(json: string) {
    this.spec = json ? (JSON.parse(json) as Spec) : undefined;
    this.draw();
  }

  connectedCallback() {
    this.chart = echarts.init(this.canvas, undefined, { renderer: 'svg' });
    // Follows its container: a drawer opening, a phone turning, a grid column narrowing.
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.draw();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private draw() {
    if (!this.chart || !this.spec) {
      return;
    }
    this.chart.setOption(this.option(this.spec), true);
  }

  private option(spec: Spec): echarts.EChartsCoreOption {
    const style = getComputedStyle(this);
    const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const rtl = style.direction === 'rtl';
    const text = css('--lumo-secondary-text-color', '#667');
    const grid = css('--lumo-contrast-10pct', '#e5e7eb');
    const font = css('--lumo-font-family', 'sans-serif');
    const palette = Array.from({ length: PALETTE_SIZE }, (_, i) => css(`--assets-chart-${i + 1}`, '#2a7'));
    const numbers = new Intl.NumberFormat(spec.language === 'fa' ? 'fa-IR' : 'en-US');
    const compact = new Intl.NumberFormat(spec.language === 'fa' ? 'fa-IR' : 'en-US', { notation: 'compact' });
    const common = {
      color: palette,
      animation: false,
      textStyle: { fontFamily: font, color: text },
      tooltip: {
        trigger: spec.kind === 'pie' || spec.kind === 'donut' ? 'item' : 'axis',
        valueFormatter: (v: number) => numbers.format(v),
        textStyle: { fontFamily: font, align: rtl ? 'right' : 'left' },
      },
      legend: {
        show: spec.series.length > 1 || spec.kind === 'pie' || spec.kind === 'donut',
        bottom: 0,
        [rtl ? 'right' : 'left']: 0,
        align: rtl ? 'right' : 'left',
        textStyle: { color: text, fontFamily: font },
        type: 'scroll',
      },
    };
    if (spec.kind === 'pie' || spec.kind === 'donut') {
      const values = spec.series[0]?.values ?? [];
      return {
        ...common,
        series: [{
          type: 'pie',
          name: spec.series[0]?.name ?? spec.title,
          radius: spec.kind === 'donut' ? ['45%', '70%'] : '70%',
          center: ['50%', '45%'],
          label: { show: false },
          data: spec.categories.map((name, i) => ({ name, value: values[i] ?? 0 })),
        }],
      };
    }
    // ECharts lays the chart out itself: mirror it by hand for right-to-left readers.
    const categoryAxis = {
      type: 'category',
      data: spec.categories,
      inverse: spec.horizontal ? true : rtl,
      position: spec.horizontal ? (rtl ? 'right' : 'left') : undefined,
      axisLabel: { color: text, hideOverlap: true, width: spec.horizontal ? 110 : undefined, overflow: 'truncate' },
      axisLine: { lineStyle: { color: grid } },
      axisTick: { show: false },
    };
    const valueAxis = {
      type: 'value',
      minInterval: 1,
      inverse: spec.horizontal && rtl,
      position: spec.horizontal ? undefined : (rtl ? 'right' : 'left'),
      axisLabel: { color: text, formatter: (v: number) => compact.format(v), hideOverlap: true },
      splitLine: { lineStyle: { color: grid } },
    };
    return {
      ...common,
      grid: { top: 16, bottom: spec.series.length > 1 ? 40 : 16, left: 8, right: 8, containLabel: true },
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: spec.series.map((s) => ({
        type: spec.kind,
        name: s.name,
        data: s.values,
        stack: spec.stacked ? 'total' : undefined,
        areaStyle: spec.kind === 'line' && spec.stacked ? { opacity: 0.35 } : undefined,
        smooth: spec.kind === 'line',
        showSymbol: spec.kind === 'line' && spec.categories.length <= 12,
        barMaxWidth: 28,
      })),
    };
  }
}

customElements.define('assets-chart', AssetsChart);
