// DfE rules on the order of a child's episodes: each episode ends where the next begins (no overlap, no
// gap inside a period of care), a period of care starts with RNE S, the reason for a new episode agrees
// with what changed, and nothing follows adoption, death or an age assessment finding the child an adult.

import type { EpisodeRow } from '../rows.ts';
import { datedEpisodes, inSequence, isIn, rule, type Rule } from './rule.ts';

const adopted = isIn(['E11', 'E12']);
const LEFT_CARE = ['E2', 'E3', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E41', 'E45', 'E46', 'E47', 'E48'];

const samePostcode = (a: string | null, b: string | null) => (a ?? '').replace(/\s+/g, '').toUpperCase() === (b ?? '').replace(/\s+/g, '').toUpperCase();
/** The placement is unchanged: same type, postcode, URN and provider (blank matching blank). */
const samePlacement = (a: EpisodeRow, b: EpisodeRow) =>
  a.PLACE === b.PLACE && samePostcode(a.PL_POST, b.PL_POST) && a.URN === b.URN && a.PLACE_PROVIDER === b.PLACE_PROVIDER;

export const EPISODE_SEQUENCE_RULES: readonly Rule[] = [
  rule('142', function* (c) {
    for (const { episode: e, next } of inSequence(c)) if (next && (e.DEC === null || e.REC === null)) yield e;
  }),
  rule('199', function* (c) {
    for (const child of c.episodesByChild.keys()) {
      let afterAdoption = false;
      for (const e of datedEpisodes(c, child)) {
        if (afterAdoption) yield e;
        if (adopted(e.REC)) afterAdoption = true;
      }
    }
  }),
  // Only a first episode that began in the year is checked: an earlier start may have had its S episode before.
  rule('357', function* (c) {
    for (const child of c.episodesByChild.keys()) {
      const first = datedEpisodes(c, child)[0];
      if (first && first.DECOM! >= c.year.start && first.RNE !== 'S') yield first;
    }
  }),
  rule('388', function* (c) {
    for (const { episode: e, next } of inSequence(c)) {
      if (e.DEC === null) continue;
      if (next && e.REC === 'X1' && e.DEC !== next.DECOM) yield e;
      else if (next && e.REC !== null && e.REC !== 'X1' && e.DEC === next.DECOM) yield e;
      else if (!next && e.REC === 'X1') yield e;
    }
  }),
  rule('431', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && e.RNE === 'S' && previous.DEC !== null && e.DECOM! <= previous.DEC) yield e;
    }
  }),
  rule('432', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) if (previous && isIn(LEFT_CARE)(previous.REC) && e.RNE !== 'S') yield e;
  }),
  rule('433', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && isIn(['P', 'L', 'T', 'U', 'B'])(e.RNE) && previous.DEC !== e.DECOM) yield e;
    }
  }),
  rule('434', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && e.RNE === 'L' && (e.LS === previous.LS || !samePlacement(e, previous))) yield e;
    }
  }),
  rule('435', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && isIn(['P', 'T'])(e.RNE) && (e.LS !== previous.LS || samePlacement(e, previous))) yield e;
    }
  }),
  rule('436', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && isIn(['U', 'B'])(e.RNE) && (e.LS === previous.LS || samePlacement(e, previous))) yield e;
    }
  }),
  rule('437', function* (c) {
    for (const { episode: e, next } of inSequence(c)) if (next && isIn(['E2', 'E15'])(e.REC)) yield e;
  }),
  rule('501', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) if (previous && previous.DEC !== null && e.DECOM! < previous.DEC) yield e;
  }),
  rule('504', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && previous.REC === 'X1' && previous.DEC === e.DECOM && e.CIN !== previous.CIN) yield e;
    }
  }),
];
