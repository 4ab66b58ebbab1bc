// The IRO report's figures: buildReportModel() turns the register's records for a period into sections of
// tables and charts, each count keeping the children behind it. Pure and deterministic: the same input
// gives the same model, whatever the day or the machine. Timeliness comes only from the review clock.
//
// Sections are a list of named builders, so later ones (dispute resolution, consultation) are added to the
// list without touching these.

import { createMemo, type ReportContext, type SectionBuilder } from './model/context.ts';
import { spansPeriod } from './model/facts.ts';
import { earliestCountedStart } from '../domain/periods-of-care.ts';
import { CHILDREN_PER_CHUNK, countChildByChild } from './model/gather.ts';
import type { ChildRecord } from '../domain/register.ts';
import { withChildLists } from './model/cells.ts';
import { MAX_COMPARISON_PERIODS, comparisonPeriods, periodInfo, wholeMonths } from './model/periods.ts';
import { caseloadsSection } from './model/sections/caseloads.ts';
import { consultationSection } from './model/sections/consultation.ts';
import { dataQualitySection } from './model/sections/data-quality.ts';
import { disputeResolutionSection } from './model/sections/dispute-resolution.ts';
import { entrantsSection } from './model/sections/entrants.ts';
import { keyFiguresSection } from './model/sections/key-figures.ts';
import { leaversSection } from './model/sections/leavers.ts';
import { monitoringSection } from './model/sections/monitoring.ts';
import { notificationSection } from './model/sections/notification.ts';
import { participationSection } from './model/sections/participation.ts';
import { populationSection } from './model/sections/population.ts';
import { rearrangementsSection } from './model/sections/rearrangements.ts';
import { timelinessSection } from './model/sections/timeliness.ts';
import type { ReportModel } from './model/types.ts';
import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import { InvalidReportPeriodError, checkReportPeriod, type ChildRecordSource, type ReportInput } from './input.ts';

export const STANDARD_SECTIONS: readonly SectionBuilder[] = [
  keyFiguresSection,
  populationSection,
  entrantsSection,
  leaversSection,
  timelinessSection,
  participationSection,
  consultationSection,
  rearrangementsSection,
  notificationSection,
  caseloadsSection,
  monitoringSection,
  disputeResolutionSection,
  dataQualitySection,
];

export interface BuildOptions {
  /** The sections to build, in order; the standard list when not given. */
  sections?: readonly SectionBuilder[];
  /**
   * Whether each count keeps the children (and reviews or other records) behind it: true unless false is
   * given. Only the JSON file written with its lists needs them; leaving them out makes a large report faster.
   */
  childLists?: boolean;
  /** Children counted together (see gather.ts); the figures are the same whatever it is. */
  childrenPerChunk?: number;
}

function reportTitle(months: number | null): string {
  if (months === 12) return 'Independent Reviewing Service annual report';
  if (months === 6) return 'Independent Reviewing Service six-monthly report';
  if (months === 3) return 'Independent Reviewing Service quarterly report';
  return 'Independent Reviewing Service report';
}

/** The first day any child counted was looked after: what earlier periods can be compared from. */
function earliestEpisode(records: ReportInput['children']): IsoDate | null {
  if (!Array.isArray(records)) return (records as ChildRecordSource).firstCountedStart;
  let earliest: IsoDate | null = null;
  for (const record of records as readonly ChildRecord[]) earliest = earliestCountedStart(earliest, record.episodes);
  return earliest;
}

/**
 * The context every section is built from, with every child counted for the sections given (all when not given):
 * exported for section builders' tests.
 */
export function createReportContext(input: ReportInput, builders: readonly SectionBuilder[] = STANDARD_SECTIONS, childrenPerChunk = CHILDREN_PER_CHUNK): ReportContext {
  const period = periodInfo(checkReportPeriod(input.period.from, input.period.to));
  const earliest = earliestEpisode(input.children);
  if (input.recordsFrom !== undefined && !isIsoDate(input.recordsFrom)) {
    throw new InvalidReportPeriodError(`the date records are complete from, "${input.recordsFrom}", is not a real date`);
  }
  const comparisons = comparisonPeriods(period, input.comparisonPeriods ?? MAX_COMPARISON_PERIODS, { earliestData: earliest, recordsFrom: input.recordsFrom });
  const shared = createMemo();
  const ctx: ReportContext = {
    input,
    settings: input.settings,
    period,
    comparisons,
    allPeriods: [...comparisons, period],
    children: [],
    recordsFrom: input.recordsFrom ?? earliest,
    childrenIn: () => [],
    excluded: [],
    staffById: new Map(input.staff.map((s) => [s.id, s])),
    memo: shared,
  };
  const counted = countChildByChild(ctx, input.children, builders, childrenPerChunk);
  const children = counted.children;
  // What was made from the input as a whole while counting (indexes of notifications and checks) is kept.
  const memo = createMemo(counted.figures);
  return {
    ...ctx,
    children,
    excluded: counted.excluded,
    childrenIn: (p) => memo('children-in', p, () => children.filter((facts) => spansPeriod(facts, p))),
    memo: (key, p, compute) => memo(key, p, () => shared(key, p, compute)),
  };
}

export function buildReportModel(input: ReportInput, options: BuildOptions = {}): ReportModel {
  const builders = options.sections ?? STANDARD_SECTIONS;
  const ids = new Set<string>();
  for (const b of builders) {
    if (ids.has(b.id)) throw new Error(`two report sections have the id "${b.id}"`);
    ids.add(b.id);
  }
  return withChildLists(options.childLists !== false, () => {
    const ctx = createReportContext(input, builders, options.childrenPerChunk);
    return modelOf(ctx, builders);
  });
}

function modelOf(ctx: ReportContext, builders: readonly SectionBuilder[]): ReportModel {
  const input = ctx.input;
  return {
    schemaVersion: 1,
    authorityName: input.settings.authorityName,
    laCode: input.settings.laCode,
    title: reportTitle(wholeMonths(ctx.period)),
    period: ctx.period,
    comparisonPeriods: ctx.comparisons,
    narrative: input.narrative ?? null,
    sections: builders.map((b) => b.build(ctx)),
  };
}

export type { ReportContext, SectionBuilder } from './model/context.ts';
