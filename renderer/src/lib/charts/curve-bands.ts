import { bandGrid, curveBand, type Curve } from '$engine/api/quantiles';
import type { ChartOption, SeriesOption } from './chart-option';
import { points } from './line-points';

/**
 * Several runs of one configuration (a seed group, a class's runs of one preset) as one picture:
 * their median as a thick line, the middle half of them (the inter-quartile band) as a shaded
 * area around it, and each run as a faint thin line underneath, so where a group sits and how much
 * its seeds disagree read at a glance. Compare, the live view and reports draw groups with this.
 * Medians and quartiles come from engine/api/quantiles (curveBand), as in the class view.
 */

/** How strong a member's own line is: visible as texture, never read as a group's line. */
export const MEMBER_OPACITY = 0.16;
/** How strong the band's shading is: several groups' bands overlap and stay readable. */
export const BAND_OPACITY = 0.24;
/** Width of a group's median line: thicker than a single run's (2.5), it is the group's line. */
export const MEDIAN_WIDTH = 3;
/** Steps the band is computed at (bandGrid): enough for a smooth band, few enough for 80 runs. */
export const BAND_POINTS = 240;

/** Role suffixes of a band's series ids, after the median's own role ("train", "test", "raw"…). */
export const BAND_ROLE = { lower: '~q1', width: '~iqr', member: '~member' } as const;

/** One group's curves of one quantity, and how to draw them. */
export interface BandParts {
  /** The series id for a role (seriesId of the group's index), so tooltips find the median by its role. */
  id: (role: string) => string;
  /** The median's role: its id is id(role); the band's and members' ids add BAND_ROLE suffixes. */
  role: string;
  /** The group's name (every series carries it: one legend entry shows or hides the whole group). */
  name: string;
  color: string;
  /** Each member's curve: x (ascending, steps or epochs) and y already as the axis shows it (null: a gap). */
  curves: readonly Curve[];
  dashed?: boolean;
  /** The median's and members' dash (a compared run's own, its second channel beside colour); overrides `dashed`. */
  dash?: string | number[];
  /** Symbol of the median line (a circle for train, a triangle for test), shown when it has few points. */
  symbol?: string;
  xAxisIndex?: number;
  yAxisIndex?: number;
  /** Steps of the band's grid (BAND_POINTS). */
  gridPoints?: number;
  /** Draws no member lines (a chart that already has many). */
  noMembers?: boolean;
}

function dashOf(parts: BandParts): 'solid' | 'dashed' | number[] {
  if (parts.dash !== undefined) return parts.dash as 'solid' | 'dashed' | number[];
  return parts.dashed ? 'dashed' : 'solid';
}

/** Whether a group has runs enough to be drawn as a band rather than as a line. */
export function isBand(memberCount: number): boolean {
  return memberCount >= 2;
}

/**
 * A group's series: members (faint, silent), the band (a transparent q1 line with the q3 − q1
 * width stacked on it and shaded), and the median line on top. The band is stacked with
 * stackStrategy 'all' so a band below zero (a loss gap) stacks as well as one above it.
 */
export function bandSeries(parts: BandParts): SeriesOption[] {
  const axes = { ...(parts.xAxisIndex !== undefined ? { xAxisIndex: parts.xAxisIndex } : {}), ...(parts.yAxisIndex !== undefined ? { yAxisIndex: parts.yAxisIndex } : {}) };
  const band = curveBand(parts.curves, bandGrid(parts.curves, parts.gridPoints ?? BAND_POINTS));
  const same = (v: number | null) => v;
  const stack = `band ${parts.id(parts.role)}`;
  const quiet = { silent: true, showSymbol: false, symbol: 'none', tooltip: { show: false }, emphasis: { disabled: true }, connectNulls: false } as const;
  const series: SeriesOption[] = [];
  if (!parts.noMembers) {
    parts.curves.forEach((curve, m) => {
      series.push({
        type: 'line',
        id: parts.id(`${parts.role}${BAND_ROLE.member}${m}`),
        name: parts.name,
        ...axes,
        data: points(curve.step, curve.value, same),
        color: parts.color,
        lineStyle: { width: 1, opacity: MEMBER_OPACITY, type: dashOf(parts) },
        z: 1,
        ...quiet,
      });
    });
  }
  series.push(
    {
      type: 'line',
      id: parts.id(`${parts.role}${BAND_ROLE.lower}`),
      name: parts.name,
      ...axes,
      data: points(band.step, band.q1, same),
      color: parts.color,
      stack,
      stackStrategy: 'all',
      lineStyle: { opacity: 0 },
      z: 2,
      ...quiet,
    },
    {
      type: 'line',
      id: parts.id(`${parts.role}${BAND_ROLE.width}`),
      name: parts.name,
      ...axes,
      data: points(
        band.step,
        band.q3.map((q3, i) => q3 - band.q1[i]!),
        same,
      ),
      color: parts.color,
      stack,
      stackStrategy: 'all',
      lineStyle: { opacity: 0 },
      areaStyle: { color: parts.color, opacity: BAND_OPACITY },
      z: 2,
      ...quiet,
    },
    {
      type: 'line',
      id: parts.id(parts.role),
      name: parts.name,
      ...axes,
      data: points(band.step, band.median, same),
      color: parts.color,
      symbol: parts.symbol ?? 'circle',
      symbolSize: 6,
      showSymbol: band.step.length <= 40,
      lineStyle: { width: MEDIAN_WIDTH, type: dashOf(parts) },
      connectNulls: false,
      z: 4,
    },
  );
  return series;
}

/** A member's curve of one quantity: its x values and its y values passed through `map` (the axis's: gaps for what it cannot show). */
export function curveOf(x: readonly number[], y: readonly (number | null)[], map: (v: number | null) => number | null): Curve {
  return { step: x, value: y.map((v) => map(v ?? null)) };
}

/** What an option draws as bands: the groups' names (once each) and how many faint member lines; shown to end-to-end tests as data attributes. */
export function bandSummary(option: ChartOption): { bands: string[]; members: number } {
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as { id?: unknown; name?: unknown }[];
  const bands = new Set<string>();
  let members = 0;
  for (const s of series) {
    const id = String(s.id ?? '');
    if (id.endsWith(BAND_ROLE.width)) bands.add(String(s.name ?? ''));
    else if (id.includes(BAND_ROLE.member)) members++;
  }
  return { bands: [...bands], members };
}
