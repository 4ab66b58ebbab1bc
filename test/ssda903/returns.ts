// Two years of a small authority's return, written as the case system would: 2023-24 with SEX coded 1/2,
// 2024-25 with M/F/U. Child C1 is in care throughout and moves in September 2024; C2 is an unaccompanied
// asylum-seeking child; C3 first comes into care in February 2025.

import fs from 'node:fs';
import path from 'node:path';
import { EPISODE_COLUMNS, HEADER_COLUMNS, REVIEW_COLUMNS, UASC_COLUMNS, writeCsv } from './support.ts';

type Rows = string[][];

export interface ReturnFiles {
  header: Rows;
  episodes: Rows;
  reviews: Rows;
  uasc: Rows;
}

export const RETURN_2023_24: ReturnFiles = {
  header: [
    ['C1', '2', '14/03/2012', 'WBRI', 'A123456789012', '', ''],
    ['C2', '1', '01/06/2008', 'BAFR', 'UN2', '', ''],
  ],
  episodes: [
    ['C1', '01/05/2023', 'S', 'C2', 'N1', 'U4', 'PR1', '', '', '', 'NG1 1AA', 'NG2 2BB', 'SC123456'],
    ['C2', '10/07/2023', 'S', 'V2', 'N8', 'U6', 'PR4', '20/01/2024', 'X1', 'CARPL', '', 'NG7 1AB', 'SC111111'],
    ['C2', '20/01/2024', 'P', 'V2', 'N8', 'K2', 'PR4', '', '', '', '', 'NG8 2CD', 'SC222222'],
  ],
  reviews: [
    ['C1', '14/03/2012', '29/05/2023', 'PN1'],
    ['C1', '14/03/2012', '20/08/2023', 'PN6'],
    ['C2', '01/06/2008', '04/08/2023', 'PN1'],
  ],
  uasc: [['C2', '1', '01/06/2008', '']],
};

export const RETURN_2024_25: ReturnFiles = {
  header: [
    ['C1', 'F', '14/03/2012', 'WBRI', 'A123456789012', '', ''],
    ['C2', 'M', '01/06/2008', 'BAFR', 'UN2', '', ''],
    ['C3', 'U', '11/11/2019', 'NOBT', 'UN1', '', ''],
  ],
  episodes: [
    ['C1', '01/05/2023', 'S', 'C2', 'N1', 'U4', 'PR1', '10/09/2024', 'X1', 'CARPL', 'NG1 1AA', 'NG2 2BB', 'SC123456'],
    ['C1', '10/09/2024', 'P', 'C2', 'N1', 'U6', 'PR4', '', '', '', 'NG1 1AA', 'NG5 5EF', 'SC333333'],
    ['C2', '20/01/2024', 'P', 'V2', 'N8', 'K2', 'PR4', '', '', '', '', 'NG8 2CD', 'SC222222'],
    ['C3', '03/02/2025', 'S', 'C1', 'N1', 'U3', 'PR1', '', '', '', 'NG3 3GH', 'NG4 4IJ', 'SC444444'],
  ],
  reviews: [
    ['C1', '14/03/2012', '15/08/2024', 'PN7'],
    ['C2', '01/06/2008', '01/07/2024', 'PN5'],
    ['C3', '11/11/2019', '03/03/2025', 'PN0'],
  ],
  uasc: [['C2', 'M', '01/06/2008', '']],
};

/** Writes a return's four files into a folder; returns the folder. */
export function writeReturnFiles(dir: string, name: string, files: ReturnFiles): string {
  const folder = path.join(dir, name);
  writeCsv(ensure(folder), 'header.csv', HEADER_COLUMNS, files.header);
  writeCsv(folder, 'episodes.csv', EPISODE_COLUMNS, files.episodes);
  writeCsv(folder, 'reviews.csv', REVIEW_COLUMNS, files.reviews);
  writeCsv(folder, 'uasc.csv', UASC_COLUMNS, files.uasc);
  return folder;
}

function ensure(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}
