// <assets-month-calendar>: one month of days drawn from a JSON spec set by the Java MonthCalendar
// component. The calendar logic (the weeks of a month in the Persian or Gregorian calendar, the
// week's first day, min/max, range selection, keyboard moves, ARIA grid roles) is Zag's date picker
// (@zag-js/date-picker over @internationalized/date) run inline; this element only lays Zag's
// props on plain elements, shades the marked ranges and reports a selection as Gregorian ISO days.
import * as datePicker from '@zag-js/date-picker';
import { VanillaMachine, normalizeProps, spreadProps } from '@zag-js/vanilla';
import {
  type CalendarDate,
  type DateValue,
  GregorianCalendar,
  createCalendar,
  parseDate,
  toCalendar,
} from '@internationalized/date';

type Mode = 'none' | 'single' | 'range';

interface Mark {
  start: string; // ISO Gregorian day, inclusive
  end: string; // ISO Gregorian day, exclusive
  kind: 'booked' | 'blocked';
}

interface Spec {
  locale: string; // fa-IR (Persian calendar) or en-GB
  dir: 'rtl' | 'ltr';
  startOfWeek: number; // 0 = Sunday ... 6 = Saturday
  timeZone: string;
  mode: Mode;
  min: string | null;
  max: string | null;
  value: string[]; // single: [day]; range: [first day, last day] (both inclusive)
  focus: string | null; // a day of the month to show first
  marked: Mark[];
  prev: string;
  next: string;
  revision: number; // changes when the server refuses a pick, so the spec is sent again
}

const GREGORIAN = new GregorianCalendar();
let counter = 0;

/** The Gregorian ISO text of a day of any calendar: what the Java side reads. */
const iso = (d: DateValue) => toCalendar(d, GREGORIAN).toString().substring(0, 10);

class AssetsMonthCalendar extends HTMLElement {
  private readonly root: HTMLDivElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly heading: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly headRow: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private readonly machineId = `assets-month-calendar-${++counter}`;
  private machine?: VanillaMachine<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  private spec?: Spec;
  private drawnMonth = '';
  private cells: { td: HTMLTableCellElement; trigger: HTMLDivElement; value: DateValue }[] = [];

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.innerHTML = `
      <style>
        :host { display: inline-block; font-family: var(--lumo-font-family); color: var(--lumo-body-text-color); }
        .root { min-width: 17rem; }
        .header { display: flex; align-items: center; justify-content: space-between; gap: var(--lumo-space-s); margin-bottom: var(--lumo-space-s); }
        .title { font-weight: 600; font-size: var(--lumo-font-size-m); }
        .nav { border: none; background: transparent; cursor: pointer; font-size: var(--lumo-font-size-l);
               color: var(--lumo-primary-text-color); border-radius: var(--lumo-border-radius-m); width: 2.25rem; height: 2.25rem; }
        .nav:hover { background: var(--lumo-contrast-5pct); }
        .nav[disabled] { color: var(--lumo-disabled-text-color); cursor: default; background: transparent; }
        table { border-collapse: separate; border-spacing: 2px; width: 100%; }
        th { font-size: var(--lumo-font-size-xs); font-weight: 500; color: var(--lumo-secondary-text-color); padding: 2px; }
        td { padding: 0; text-align: center; }
        .day { display: flex; align-items: center; justify-content: center; height: 2.25rem; min-width: 2.25rem;
               border-radius: var(--lumo-border-radius-m); cursor: pointer; font-size: var(--lumo-font-size-s);
               outline: none; user-select: none; }
        .day:hover { background: var(--lumo-primary-color-10pct); }
        .day:focus-visible { box-shadow: 0 0 0 2px var(--lumo-primary-color-50pct); }
        .day[data-outside-range] { visibility: hidden; }
        .day[data-today] { color: var(--lumo-primary-text-color); font-weight: 700; }
        .day[data-disabled] { color: var(--lumo-disabled-text-color); cursor: default; background: transparent; }
        .day[data-mark='booked'] { background: var(--lumo-error-color-10pct); color: var(--lumo-error-text-color); text-decoration: line-through; }
        .day[data-mark='blocked'] { background: var(--lumo-contrast-20pct); color: var(--lumo-secondary-text-color); text-decoration: line-through; }
        .day[data-in-range], .day[data-in-hover-range] { background: var(--lumo-primary-color-10pct); }
        .day[data-selected] { background: var(--lumo-primary-color); color: var(--lumo-primary-contrast-color); }
        :host([readonly]) .day { cursor: default; }
        :host([readonly]) .day:hover:not([data-mark]) { background: transparent; }
        ::slotted(*) { margin-top: var(--lumo-space-s); }
      </style>
      <div class="root">
        <div class="header">
          <button class="nav prev" type="button"></button>
          <div class="title" aria-live="polite"></div>
          <button class="nav next" type="button"></button>
        </div>
        <table><thead><tr></tr></thead><tbody></tbody></table>
      </div>
      <slot></slot>`;
    this.root = shadow.querySelector('.root') as HTMLDivElement;
    this.prev = shadow.querySelector('.prev') as HTMLButtonElement;
    this.next = shadow.querySelector('.next') as HTMLButtonElement;
    this.heading = shadow.querySelector('.title') as HTMLDivElement;
    this.table = shadow.querySelector('table') as HTMLTableElement;
    this.headRow = shadow.querySelector('thead tr') as HTMLTableRowElement;
    this.body = shadow.querySelector('tbody') as HTMLTableSectionElement;
  }

  set config(json: string) {
    this.spec = json ? (JSON.parse(json) as Spec) : undefined;
    if (this.isConnected) {
      this.start();
    }
  }

  connectedCallback() {
    this.start();
  }

  disconnectedCallback() {
    this.machine?.stop();
    this.machine = undefined;
  }

  private digits() {
    return new Intl.NumberFormat(this.spec?.locale, { useGrouping: false });
  }

  private mark(day: DateValue): Mark['kind'] | undefined {
    const text = iso(day);
    return this.spec?.marked.find((m) => m.start <= text && text < m.end)?.kind;
  }

  private start() {
    this.machine?.stop();
    this.machine = undefined;
    this.drawnMonth = '';
    const spec = this.spec;
    if (!spec) {
      return;
    }
    this.toggleAttribute('readonly', spec.mode === 'none');
    this.root.dir = spec.dir;
    const day = (text: string | null) => (text ? parseDate(text) : undefined);
    const machine = new VanillaMachine(datePicker.machine, {
      id: this.machineId,
      getRootNode: () => this.shadowRoot as ShadowRoot,
      locale: spec.locale,
      dir: spec.dir,
      createCalendar,
      timeZone: spec.timeZone,
      inline: true,
      fixedWeeks: true,
      startOfWeek: spec.startOfWeek,
      selectionMode: spec.mode === 'range' ? 'range' : 'single',
      readOnly: spec.mode === 'none',
      min: day(spec.min),
      max: day(spec.max),
      defaultValue: spec.value.map((v) => parseDate(v)),
      defaultFocusedValue: day(spec.focus ?? spec.value[0] ?? null),
      isDateUnavailable: (d: DateValue) => spec.mode !== 'none' && this.mark(d) !== undefined,
      onValueChange: (details: datePicker.ValueChangeDetails) => this.selected(details.value),
    });
    machine.subscribe(() => this.render());
    machine.start();
    this.machine = machine;
    this.render();
  }

  private selected(value: DateValue[]) {
    const spec = this.spec;
    if (!spec || spec.mode === 'none' || value.length === 0) {
      return;
    }
    const first = value[0] as CalendarDate;
    const last = (spec.mode === 'range' ? value[1] : value[0]) as CalendarDate | undefined;
    if (!last) {
      return; // the first click of a range: wait for the second
    }
    const start = iso(first);
    const end = iso(last.add({ days: 1 }));
    if (spec.marked.some((m) => m.start < end && start < m.end)) {
      // a range across a marked day: draw the previous selection again (the server would refuse it too)
      queueMicrotask(() => this.start());
      return;
    }
    this.dispatchEvent(new CustomEvent('assets-select', { detail: { start, end } }));
  }

  private render() {
    const machine = this.machine;
    const spec = this.spec;
    if (!machine || !spec) {
      return;
    }
    const api = datePicker.connect(machine.service, normalizeProps);
    spreadProps(this.root, api.getRootProps(), this.machineId);
    spreadProps(this.table, api.getTableProps({ view: 'day' }), this.machineId);
    spreadProps(this.prev, api.getPrevTriggerProps({ view: 'day' }), this.machineId);
    spreadProps(this.next, api.getNextTriggerProps({ view: 'day' }), this.machineId);
    // Arrows point the way the months move: in right-to-left text the next month is to the left.
    this.prev.textContent = spec.dir === 'rtl' ? '›' : '‹';
    this.next.textContent = spec.dir === 'rtl' ? '‹' : '›';
    this.prev.setAttribute('aria-label', spec.prev);
    this.next.setAttribute('aria-label', spec.next);
    // Month then year ("آذر ۱۴۰۵", "November 2026"): Intl's Persian pattern puts the year first.
    // The month's first day is midnight in Tehran: named in Tehran's zone, not the browser's (a
    // browser west of Tehran would otherwise name the month before).
    const shown = api.visibleRange.start;
    const monthName = api.format(shown, { month: 'long', timeZone: spec.timeZone });
    this.heading.textContent = `${monthName} ${this.digits().format(shown.year)}`;

    const month = api.visibleRange.start.toString();
    if (month !== this.drawnMonth) {
      this.drawnMonth = month;
      this.headRow.replaceChildren(
        ...api.weekDays.map((w) => {
          const th = document.createElement('th');
          th.scope = 'col';
          th.textContent = w.short;
          th.title = w.long;
          return th;
        }),
      );
      const digits = this.digits();
      this.cells = [];
      this.body.replaceChildren(
        ...api.weeks.map((week) => {
          const tr = document.createElement('tr');
          for (const value of week) {
            const td = document.createElement('td');
            const trigger = document.createElement('div');
            trigger.className = 'day';
            trigger.textContent = digits.format(value.day);
            td.append(trigger);
            tr.append(td);
            this.cells.push({ td, trigger, value });
          }
          return tr;
        }),
      );
    }
    for (const cell of this.cells) {
      spreadProps(cell.td, api.getDayTableCellProps({ value: cell.value }), this.machineId);
      spreadProps(cell.trigger, api.getDayTableCellTriggerProps({ value: cell.value }), this.machineId);
      const kind = this.mark(cell.value);
      if (kind) {
        cell.trigger.dataset.mark = kind;
      } else {
        delete cell.trigger.dataset.mark;
      }
    }
  }
}

customElements.define('assets-month-calendar', AssetsMonthCalendar);
