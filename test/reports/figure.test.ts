// One figure with the children and records behind it, built from its section alone: the same figure, labels and
// lists as the whole report built with every list, and nothing for a table, row or column the report lacks.

import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../src/reports/figure.ts';
import { buildReportModel } from '../../src/reports/model.ts';
import { handBuiltInput } from './builders.ts';

const input = handBuiltInput();
const whole = buildReportModel(input, { childLists: true });

describe('a figure with what is behind it', () => {
  it('is the whole report’s count, with the same children and records, for every count of every table', () => {
    let checked = 0;
    for (const table of whole.sections.flatMap((s) => s.tables)) {
      const counts = [...table.rows, ...table.totals].flatMap((row) => row.cells.flatMap((cell, i) => (i > 0 && cell.type === 'count' ? [{ row, cell, i }] : [])));
      for (const { row, cell, i } of counts) {
        if (cell.type !== 'count') continue;
        const figure = buildFigure(input, { tableId: table.id, rowKey: row.key, columnKey: table.columns[i]!.key });
        expect(figure, `${table.id}/${row.key}/${table.columns[i]!.key}`).toEqual({
          caption: table.caption,
          rowLabel: row.cells[0]!.type === 'text' ? row.cells[0]!.text : '',
          columnLabel: table.columns[i]!.label,
          value: cell.value,
          period: [...whole.comparisonPeriods, whole.period].find((p) => `period:${p.from}` === table.columns[i]!.key) ?? null,
          childIds: cell.childIds,
          records: cell.records ?? null,
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('counts records with their child and date, and children each once', () => {
    const reviews = buildFigure(input, { tableId: 'timeliness.reviews', rowKey: 'late', columnKey: 'period:2023-04-01' })!;
    expect(reviews.records).toHaveLength(reviews.value);
    expect(reviews.childIds).toEqual([...new Set(reviews.records!.map((r) => r.childId))].sort());
    const uasc = buildFigure(input, { tableId: 'population.uasc', rowKey: 'total', columnKey: 'period:2023-04-01' })!;
    expect(uasc.records).toBeNull();
    expect(uasc.childIds).toHaveLength(uasc.value);
    // A year-on-year column counts its own period; a column that is not a period counts none.
    expect(uasc.period).toEqual(whole.period);
    expect(buildFigure(input, { tableId: 'participation.codes', rowKey: 'total', columnKey: 'count' })!.period).toBeNull();
  });

  it('is nothing for a table, row or column the report lacks, or a cell that is not a count', () => {
    const at = (tableId: string, rowKey: string, columnKey: string) => buildFigure(input, { tableId, rowKey, columnKey });
    expect(at('timeliness.nothing', 'late', 'period:2023-04-01')).toBeNull();
    expect(at('nothing.reviews', 'late', 'period:2023-04-01')).toBeNull();
    expect(at('timeliness.reviews', 'nothing', 'period:2023-04-01')).toBeNull();
    expect(at('timeliness.reviews', 'late', 'period:1999-04-01')).toBeNull();
    expect(at('timeliness.reviews', 'late', 'label')).toBeNull();
    expect(at('timeliness.reviews', 'share', 'period:2023-04-01')).toBeNull();
  });
});
