// For every DfE rule IRO Desk runs: a return that fails it (and the rows it must flag) and a return close to
// it that passes. The returns start from cleanReturn() (one child, looked after from 1 May 2024) and change
// only what the rule is about.

import { cleanReturn, episodeRow as e, headerRow as h, reviewRow as r, uascRow as u, type TestReturn } from './support.ts';

export interface RuleCase {
  code: string;
  year?: string;
  fail: TestReturn;
  /** "Table:line"; the header is line 1, so the first row of a table is line 2. */
  flags: string[];
  pass: TestReturn;
}

const w = (changes: TestReturn): TestReturn => ({ ...cleanReturn(), ...changes });
const closed = (DEC: string, REC: string) => ({ DEC, REC });
/** A child's first episode ending on `date` (X1) and a second starting that day. */
const two = (first: Parameters<typeof e>[0], second: Parameters<typeof e>[0]) => [
  e({ DEC: '2024-06-01', REC: 'X1', ...first }),
  e({ DECOM: '2024-06-01', RNE: 'P', PLACE: 'U6', PL_POST: 'NG3 3CC', URN: 'SC654321', ...second }),
];

export const RULE_CASES: RuleCase[] = [
  // Header
  { code: '101', fail: w({ header: [h({ SEX: '2' })] }), flags: ['Header:2'], pass: w({ header: [h({ SEX: 'U' })] }) },
  { code: '101', year: '2023-24', fail: w({ header: [h({ SEX: 'F' })] }), flags: ['Header:2'], pass: w({ header: [h({ SEX: '2' })] }) },
  { code: '102', fail: w({ header: [h({ DOB: null, badDates: ['DOB'] }), h({ CHILD: 'C2', DOB: null })] }), flags: ['Header:2', 'Header:3'], pass: w({}) },
  { code: '103', fail: w({ header: [h({ ETHNIC: 'XXXX' }), h({ CHILD: 'C2', ETHNIC: null })] }), flags: ['Header:2', 'Header:3'], pass: w({}) },
  { code: '168', fail: w({ header: [h({ UPN: 'I123456789012' })] }), flags: ['Header:2'], pass: w({ header: [h({ UPN: 'UN3' }), h({ CHILD: 'C2', UPN: 'A12345678901B' })] }) },
  { code: '171', fail: w({ header: [h({ MC_DOB: null, badDates: ['MC_DOB'] })] }), flags: ['Header:2'], pass: w({}) },
  { code: '174', fail: w({ header: [h({ SEX: 'M', MOTHER: '1', MC_DOB: '2024-01-01' })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-01-01' })] }) },
  { code: '209', fail: w({ header: [h({ UPN: 'UN1', DOB: '2019-08-31' })] }), flags: ['Header:2'], pass: w({ header: [h({ UPN: 'UN1', DOB: '2019-09-01' })] }) },
  { code: '301', fail: w({ header: [h({ DOB: '2025-04-01' })] }), flags: ['Header:2'], pass: w({ header: [h({ DOB: '2025-03-31' })] }) },
  { code: '351', fail: w({ header: [h({ DOB: '1999-03-31' })] }), flags: ['Header:2'], pass: w({ header: [h({ DOB: '1999-04-01' })] }) },
  { code: '611', fail: w({ header: [h({ MOTHER: '1' })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-01-01' })] }) },
  { code: '612', fail: w({ header: [h({ MOTHER: '0', MC_DOB: '2024-01-01' })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-01-01' })] }) },
  { code: '620', fail: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-01-01', DOB: '2013-04-02' })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-01-01', DOB: '2013-04-01' })] }) },
  { code: '621', fail: w({ header: [h({ MOTHER: '1', MC_DOB: '2012-03-14' })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2012-03-15' })] }) },
  { code: 'INT32', fail: w({ header: [h(), h({ CHILD: 'C2' }), h()] }), flags: ['Header:2', 'Header:4'], pass: w({}) },
  { code: 'EPI', fail: w({ header: [h(), h({ CHILD: 'C2' })] }), flags: ['Header:3'], pass: w({ header: [h(), h({ CHILD: 'C2' })], oc3: ['C2'] }) },

  // One episode's fields
  { code: '141', fail: w({ episodes: [e({ DECOM: null, badDates: ['DECOM'] })] }), flags: ['Episodes:2'], pass: w({}) },
  { code: '143', fail: w({ episodes: [e({ RNE: 'X' })] }), flags: ['Episodes:2'], pass: w({}) },
  { code: '144', fail: w({ episodes: [e({ LS: 'Z9' })] }), flags: ['Episodes:2'], pass: w({}) },
  { code: '145', fail: w({ episodes: [e({ CIN: 'N9' })] }), flags: ['Episodes:2'], pass: w({}) },
  { code: '146', fail: w({ episodes: [e({ PLACE: 'H5' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'K3' })] }) },
  { code: '146', year: '2023-24', fail: w({ episodes: [e({ DECOM: '2023-05-01', PLACE: 'P2' }), e({ CHILD: 'C2', DECOM: '2023-05-01', PLACE: 'K3' })] }), flags: ['Episodes:2', 'Episodes:3'], pass: w({ episodes: [e({ DECOM: '2023-05-01', PLACE: 'P2', ...closed('2023-10-28', 'E4A') }), e({ CHILD: 'C2', DECOM: '2023-05-01', PLACE: 'H5' })] }) },
  { code: '146', year: '2025-26', fail: w({ episodes: [e({ DECOM: '2025-05-01', PLACE: 'Z1' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ DECOM: '2025-05-01', PLACE: 'Z12' })] }) },
  { code: '147', fail: w({ episodes: [e({ DEC: null, REC: 'E4A', badDates: ['DEC'] })] }), flags: ['Episodes:2'], pass: w({}) },
  { code: '148', fail: w({ episodes: [e({ DEC: '2024-06-01' }), e({ CHILD: 'C2', REC: 'E4A' })] }), flags: ['Episodes:2', 'Episodes:3'], pass: w({ episodes: [e(closed('2024-06-01', 'E4A'))] }) },
  { code: '149', fail: w({ episodes: [e(closed('2024-06-01', 'E99'))] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2024-06-01', 'E17'))] }) },
  { code: '1009', fail: w({ episodes: [e({ REASON_PLACE_CHANGE: 'XX' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ REASON_PLACE_CHANGE: 'CARPL' })] }) },
  { code: '178', fail: w({ episodes: [e({ PLACE_PROVIDER: 'PR9' }), e({ CHILD: 'C2', PLACE: 'T0', PLACE_PROVIDER: 'PR1' })] }), flags: ['Episodes:2', 'Episodes:3'], pass: w({ episodes: [e(), e({ CHILD: 'C2', PLACE: 'T0', PLACE_PROVIDER: null })] }) },
  { code: '353', fail: w({ episodes: [e({ DECOM: '1991-10-13' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ DECOM: '1991-10-14' })] }) },
  { code: '354', fail: w({ episodes: [e({ DECOM: '2025-04-01' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ DECOM: '2025-03-31' })] }) },
  { code: '355', fail: w({ episodes: [e(closed('2024-05-01', 'E4A'))] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2024-05-02', 'E4A'))] }) },
  { code: '356', fail: w({ episodes: [e(closed('2024-04-30', 'E4A'))] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2024-05-02', 'E4A'))] }) },
  { code: '385', fail: w({ episodes: [e(closed('2025-04-01', 'E4A'))] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2025-03-31', 'E4A'))] }) },
  { code: '445', fail: w({ episodes: [e({ LS: 'D1', DECOM: '2006-01-01' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'D1', DECOM: '2005-12-31' })] }) },
  { code: '446', fail: w({ episodes: [e({ LS: 'E1', DECOM: '2005-11-30' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'E1', DECOM: '2005-12-01' })] }) },
  { code: '451', fail: w({ episodes: [e({ LS: 'D1' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'D1', ...closed('2024-06-01', 'E11') })] }) },

  // The order of episodes
  { code: '142', fail: w({ episodes: [e(), e({ DECOM: '2024-06-01', RNE: 'P' })] }), flags: ['Episodes:2'], pass: w({ episodes: two({}, {}) }) },
  { code: '199', fail: w({ episodes: [e({ PLACE: 'A4', ...closed('2024-06-01', 'E11') }), e({ DECOM: '2024-08-01' })] }), flags: ['Episodes:3'], pass: w({ episodes: [e({ PLACE: 'A4', ...closed('2024-06-01', 'E11') })] }) },
  { code: '357', fail: w({ episodes: [e({ RNE: 'P' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ RNE: 'P', DECOM: '2024-03-31' })] }) },
  { code: '388', fail: w({ episodes: [e(closed('2024-06-01', 'X1')), e({ DECOM: '2024-06-05', RNE: 'S' }), e({ CHILD: 'C2', ...closed('2024-06-01', 'E4A') }), e({ CHILD: 'C2', DECOM: '2024-06-01', RNE: 'P' }), e({ CHILD: 'C3', ...closed('2024-06-01', 'X1') })] }), flags: ['Episodes:2', 'Episodes:4', 'Episodes:6'], pass: w({ episodes: two({}, {}) }) },
  { code: '431', fail: w({ episodes: [e(closed('2024-06-01', 'E4A')), e({ DECOM: '2024-06-01' })] }), flags: ['Episodes:3'], pass: w({ episodes: [e(closed('2024-06-01', 'E4A')), e({ DECOM: '2024-06-02' })] }) },
  { code: '432', fail: w({ episodes: [e(closed('2024-06-01', 'E4A')), e({ DECOM: '2024-06-02', RNE: 'P' })] }), flags: ['Episodes:3'], pass: w({ episodes: [e(closed('2024-06-01', 'E4A')), e({ DECOM: '2024-06-02' })] }) },
  { code: '433', fail: w({ episodes: two({}, { DECOM: '2024-06-02' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, {}) }) },
  { code: '434', fail: w({ episodes: two({}, { RNE: 'L', PLACE: 'U4', PL_POST: 'NG2 2BB', URN: 'SC123456' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { RNE: 'L', LS: 'C1', PLACE: 'U4', PL_POST: 'NG22BB', URN: 'SC123456' }) }) },
  { code: '435', fail: w({ episodes: two({}, { LS: 'C1' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, {}) }) },
  { code: '436', fail: w({ episodes: two({}, { RNE: 'B' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { RNE: 'B', LS: 'C1' }) }) },
  { code: '437', fail: w({ episodes: [e(closed('2024-06-01', 'E2')), e({ DECOM: '2024-07-01' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2024-06-01', 'E2'))] }) },
  { code: '501', fail: w({ episodes: two({ DEC: '2024-06-03' }, {}) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, {}) }) },
  { code: '504', fail: w({ episodes: two({}, { CIN: 'N2' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, {}) }) },

  // How long an episode lasts
  { code: '361', fail: w({ episodes: [e({ LS: 'L1', ...closed('2024-05-03', 'X1') }), e({ LS: 'L1', DECOM: '2024-05-03', RNE: 'P', ...closed('2024-05-05', 'E4A') })] }), flags: ['Episodes:2', 'Episodes:3'], pass: w({ episodes: [e({ LS: 'L1', ...closed('2024-05-04', 'E4A') })] }) },
  { code: '362', fail: w({ episodes: [e({ LS: 'L2', ...closed('2024-05-23', 'E4A') })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'L2', ...closed('2024-05-22', 'E4A') })] }) },
  { code: '363', fail: w({ episodes: [e({ LS: 'L3', ...closed('2024-05-09', 'E4A') })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'L3', ...closed('2024-05-08', 'E4A') })] }) },
  { code: '364', fail: w({ episodes: [e({ LS: 'J2' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'J2', ...closed('2024-05-22', 'E14') })] }) },
  { code: '365', fail: w({ episodes: [e({ LS: 'V3', ...closed('2024-05-19', 'E4A') })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', ...closed('2024-05-18', 'E4A') })] }) },
  { code: '366', fail: w({ episodes: [e({ LS: 'V3', RNE: 'P' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', ...closed('2024-05-03', 'E4A') })] }) },
  {
    code: '367',
    fail: w({ episodes: ['05', '06', '07', '08', '09'].map((m) => e({ LS: 'V3', DECOM: `2024-${m}-01`, ...closed(m === '09' ? `2024-${m}-17` : `2024-${m}-16`, 'E4A') })) }),
    flags: ['Episodes:2', 'Episodes:3', 'Episodes:4', 'Episodes:5', 'Episodes:6'],
    pass: w({ episodes: ['05', '06', '07', '08', '09'].map((m) => e({ LS: 'V3', DECOM: `2024-${m}-01`, ...closed(`2024-${m}-16`, 'E4A') })) }),
  },
  { code: '375', fail: w({ episodes: two({}, { PLACE: 'T1', PLACE_PROVIDER: null, ...closed('2024-07-14', 'X1') }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'T1', ...closed('2024-07-13', 'X1') }) }) },
  { code: '376', fail: w({ episodes: two({}, { PLACE: 'T3', ...closed('2024-06-23', 'X1') }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'T3', ...closed('2024-06-22', 'X1') }) }) },
  {
    code: '377',
    fail: w({ episodes: ['2024-06-01', '2024-09-01', '2025-01-01'].map((d) => e({ DECOM: d, PLACE: 'T3', ...closed(d.replace(/-01$/, '-05'), 'X1') })) }),
    flags: ['Episodes:2', 'Episodes:3', 'Episodes:4'],
    pass: w({ episodes: ['2023-06-01', '2024-09-01', '2025-01-01'].map((d) => e({ DECOM: d, PLACE: 'T3', ...closed(d.replace(/-01$/, '-05'), 'X1') })) }),
  },
  { code: '379', fail: w({ episodes: two({}, { PLACE: 'T4', ...closed('2024-06-09', 'X1') }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'T4', ...closed('2024-06-08', 'X1') }) }) },

  // Placements
  { code: '213', fail: w({ episodes: [e({ PLACE: 'T0' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'T0', PLACE_PROVIDER: null })] }) },
  { code: '214', fail: w({ episodes: [e({ LS: 'V3', HOME_POST: null, URN: null })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null })] }) },
  { code: '217', fail: w({ episodes: [e({ PLACE: 'A3', RNE: 'P' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'A3', RNE: 'T' })] }) },
  { code: '218', fail: w({ episodes: [e({ URN: null })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: null }), e({ CHILD: 'C2', URN: null, DECOM: '2023-05-01', ...closed('2024-03-31', 'E4A') }), e({ CHILD: 'C3', URN: null, PL_POST: null })] }) },
  { code: '222', fail: w({ episodes: [e({ PLACE: 'R1' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'R1', URN: 'XXXXXXX' })] }) },
  { code: '225', fail: w({ episodes: two({}, {}) }), flags: ['Episodes:2'], pass: w({ episodes: two({ REASON_PLACE_CHANGE: 'CARPL' }, {}) }) },
  { code: '226', fail: w({ episodes: two({ REASON_PLACE_CHANGE: 'CARPL' }, { PLACE: 'T2', PLACE_PROVIDER: null }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'T2', PLACE_PROVIDER: null }) }) },
  { code: '336', fail: w({ episodes: two({ PLACE: 'K2' }, { PLACE: 'A3', RNE: 'T' }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'A3', RNE: 'T' }) }) },
  { code: '378', fail: w({ episodes: [e({ PLACE: 'P1', LS: 'V2' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'P1' })] }) },
  { code: '380', fail: w({ episodes: [e({ PLACE: 'T0' })] }), flags: ['Episodes:2'], pass: w({ episodes: two({}, { PLACE: 'T0' }) }) },
  { code: '381', fail: w({ episodes: two({}, { PLACE: 'T0', ...closed('2024-06-03', 'E4A') }) }), flags: ['Episodes:3'], pass: w({ episodes: two({}, { PLACE: 'T0', ...closed('2024-06-03', 'X1') }) }) },
  { code: '382', fail: w({ episodes: [e({ LS: 'V3', PLACE: 'T0' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', PLACE: 'U6' })] }) },
  {
    code: '383',
    fail: w({ episodes: [...two({}, { PLACE: 'T2', ...closed('2024-06-10', 'X1') }), e({ DECOM: '2024-06-10', RNE: 'P', PLACE: 'K2' })] }),
    flags: ['Episodes:4'],
    pass: w({ episodes: [...two({}, { PLACE: 'T2', ...closed('2024-06-10', 'X1') }), e({ DECOM: '2024-06-10', RNE: 'P' })] }),
  },
  { code: '384', fail: w({ episodes: [e({ LS: 'V3', PLACE: 'U4' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', PLACE: 'U6' })] }) },
  { code: '390', fail: w({ episodes: [e(closed('2024-06-01', 'E11'))] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'A4', ...closed('2024-06-01', 'E11') })] }) },
  { code: '392b', fail: w({ episodes: [e({ HOME_POST: null })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ HOME_POST: null })], uasc: [u()] }) },
  { code: '392c', fail: w({ episodes: [e({ HOME_POST: 'NOT A POSTCODE' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ HOME_POST: 'ng11aa' })] }) },
  { code: '392d', fail: w({ episodes: [e({ PL_POST: 'NG11AA' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'P1', PL_POST: 'NG1 1AA' })] }) },
  { code: '398', fail: w({ episodes: [e({ LS: 'V3', PL_POST: null })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ LS: 'V3', HOME_POST: null, PL_POST: null })] }) },
  { code: '408', fail: w({ episodes: [e({ PLACE: 'A5' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'A5', LS: 'E1' })] }) },
  { code: '426', fail: w({ episodes: [e({ LS: 'V3', ...closed('2024-05-03', 'E4A') }), e({ DECOM: '2024-07-01', LS: 'V4' })] }), flags: ['Episodes:2', 'Episodes:3'], pass: w({ episodes: [e({ LS: 'V4' })] }) },
  { code: '516', fail: w({ episodes: [e({ PLACE: 'K2', ...closed('2024-06-01', 'E45') })] }), flags: ['Episodes:2'], pass: w({ episodes: [e(closed('2024-06-01', 'E45'))] }) },
  { code: '526', fail: w({ episodes: [e({ PLACE_PROVIDER: null })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'T1', PLACE_PROVIDER: null })] }) },
  { code: '527', fail: w({ episodes: [e({ PLACE: 'R2', PLACE_PROVIDER: 'PR1' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'R2', PLACE_PROVIDER: 'PR3' })] }) },
  { code: '528', fail: w({ episodes: [e({ PLACE: 'R5', PLACE_PROVIDER: 'PR2' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'R5', PLACE_PROVIDER: 'PR3' })] }) },
  { code: '529', fail: w({ episodes: [e({ PLACE: 'K2', PLACE_PROVIDER: 'PR3' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'R1', PLACE_PROVIDER: 'PR3' })] }) },
  { code: '530', fail: w({ episodes: [e({ PLACE: 'P1', PLACE_PROVIDER: 'PR4' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'K2', PLACE_PROVIDER: 'PR4' })] }) },
  { code: '531', fail: w({ episodes: [e({ PLACE: 'P1', PLACE_PROVIDER: 'PR5' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'K2', PLACE_PROVIDER: 'PR5' })] }) },
  { code: '550', fail: w({ episodes: [e({ PLACE_PROVIDER: 'PR0' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'P1', PLACE_PROVIDER: 'PR0' })] }) },

  // The child's age
  { code: '210', fail: w({ header: [h({ UPN: 'UN4' })], episodes: [e({ DECOM: '2025-03-24' })] }), flags: ['Episodes:2', 'Header:2'], pass: w({ header: [h({ UPN: 'UN4' })], episodes: [e({ DECOM: '2025-03-23' })] }) },
  { code: '302', fail: w({ header: [h({ DOB: '2024-05-02' })] }), flags: ['Episodes:2', 'Header:2'], pass: w({ header: [h({ DOB: '2024-05-01' })] }) },
  { code: '352', fail: w({ header: [h({ DOB: '2006-05-01' })] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2006-05-02' })] }) },
  { code: '358', fail: w({ header: [h({ DOB: '2014-05-01' })], episodes: [e({ LS: 'J1' })] }), flags: ['Episodes:2', 'Header:2'], pass: w({ header: [h({ DOB: '2014-04-30' })], episodes: [e({ LS: 'J1' })] }) },
  { code: '359', fail: w({ header: [h({ DOB: '2007-03-30' })] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2007-03-31' })] }) },
  { code: '371', fail: w({ header: [h({ DOB: '2008-05-02' })], episodes: [e({ PLACE: 'K3' })] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2008-05-01' })], episodes: [e({ PLACE: 'K3' })] }) },
  { code: '372', fail: w({ episodes: [e({ PLACE: 'R5' })], header: [h({ DOB: '2014-05-02' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'R5' })], header: [h({ DOB: '2014-05-01' })] }) },
  { code: '373', fail: w({ episodes: [e({ PLACE: 'S1' })], header: [h({ DOB: '2020-05-02' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'S1' })] }) },
  { code: '374', fail: w({ episodes: [e({ PLACE: 'P3' })] }), flags: ['Episodes:2'], pass: w({ episodes: [e({ PLACE: 'P3' })], header: [h({ DOB: '2010-05-01' })] }) },
  { code: '386', fail: w({ header: [h({ DOB: '2006-06-01' })], episodes: [e({ PLACE: 'A4', ...closed('2024-06-01', 'E11') })] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2006-06-02' })], episodes: [e({ PLACE: 'A4', ...closed('2024-06-01', 'E11') })] }) },
  { code: '387', fail: w({ header: [h({ DOB: '2010-06-02' })], episodes: [e(closed('2024-06-01', 'E5'))] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2010-06-01' })], episodes: [e(closed('2024-06-01', 'E6'))] }) },
  { code: '389', fail: w({ header: [h({ DOB: '2008-06-02' })], episodes: [e(closed('2024-06-01', 'E7'))] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2008-06-01' })], episodes: [e(closed('2024-06-01', 'E7'))] }) },
  { code: '407', fail: w({ header: [h({ DOB: '2006-05-31' })], episodes: [e(closed('2024-06-01', 'E45'))] }), flags: ['Episodes:2', 'Header:2'], pass: w({ header: [h({ DOB: '2006-06-01' })], episodes: [e(closed('2024-06-01', 'E46'))] }) },
  { code: '460', fail: w({ header: [h({ DOB: '2006-06-02' })], episodes: [e(closed('2024-06-01', 'E17'))] }), flags: ['Episodes:2'], pass: w({ header: [h({ DOB: '2006-06-01' })], episodes: [e(closed('2024-06-01', 'E17'))] }) },
  { code: '393', fail: w({ header: [h({ MOTHER: null })] }), flags: ['Header:2'], pass: w({ header: [h({ MOTHER: null })], episodes: [e({ LS: 'V4' })] }) },
  { code: '442', fail: w({ header: [h({ UPN: null })] }), flags: ['Header:2'], pass: w({ header: [h({ UPN: null })], episodes: [e({ LS: 'V3' })] }) },
  { code: '607', fail: w({ header: [h({ MOTHER: null })], episodes: [e(closed('2024-06-01', 'E4A'))] }), flags: ['Episodes:2', 'Header:2'], pass: w({ header: [h({ MOTHER: null })], episodes: [e(closed('2024-06-01', 'X1')), e({ DECOM: '2024-06-01', RNE: 'P' })] }) },
  { code: '625', fail: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-06-02' }), h({ CHILD: 'C2', MOTHER: '1', MC_DOB: '2025-04-01' })], episodes: [e(closed('2024-06-01', 'E4A'))] }), flags: ['Episodes:2', 'Header:2', 'Header:3'], pass: w({ header: [h({ MOTHER: '1', MC_DOB: '2024-06-01' })], episodes: [e(closed('2024-06-01', 'E4A'))] }) },

  // Reviews
  { code: '166', fail: w({ reviews: [r({ REVIEW: null })] }), flags: ['Reviews:2'], pass: w({}) },
  { code: '167', fail: w({ reviews: [r({ REVIEW_CODE: 'PN9' }), r({ REVIEW: '2024-08-01', REVIEW_CODE: null })] }), flags: ['Reviews:2', 'Reviews:3'], pass: w({ reviews: [r(), r({ REVIEW: null, REVIEW_CODE: null })] }) },
  { code: '440', fail: w({ header: [h({ DOB: '2020-05-28' })], reviews: [r({ DOB: '2020-05-28', REVIEW_CODE: 'PN0' })] }), flags: ['Reviews:2'], pass: w({ header: [h({ DOB: '2020-05-29' })], reviews: [r({ DOB: '2020-05-29', REVIEW_CODE: 'PN0' })] }) },
  { code: '441', fail: w({ header: [h({ DOB: '2020-05-30' })], reviews: [r({ DOB: '2020-05-30', REVIEW_CODE: 'PN7' })] }), flags: ['Reviews:2'], pass: w({ header: [h({ DOB: '2020-05-29' })], reviews: [r({ DOB: '2020-05-29', REVIEW_CODE: 'PN7' })] }) },
  { code: '399', fail: w({ episodes: [e({ LS: 'V4', HOME_POST: null, PL_POST: null, URN: null })] }), flags: ['Episodes:2', 'Header:2', 'Reviews:2'], pass: w({ header: [h({ MOTHER: null })], episodes: [e({ LS: 'V4' })], reviews: [] }) },
  { code: '1012', fail: w({ reviews: [r(), r({ CHILD: 'C2' })], header: [h(), h({ CHILD: 'C2' })] }), flags: ['Reviews:3'], pass: w({}) },
  { code: 'INT08', fail: w({ reviews: [r({ CHILD: 'C9' })] }), flags: ['Reviews:2'], pass: w({}) },
  { code: 'INT17', fail: w({ reviews: [r({ DOB: '2012-03-15' })] }), flags: ['Reviews:2'], pass: w({}) },

  // UASC
  { code: '104', fail: w({ uasc: [u({ DUC: null, badDates: ['DUC'] }), u({ CHILD: 'C2', DUC: '2024-03-31' })] }), flags: ['UASC:2', 'UASC:3'], pass: w({ uasc: [u({ DUC: '2024-04-01' })] }) },
  { code: '304', fail: w({ uasc: [u({ DUC: '2030-03-15' })] }), flags: ['UASC:2'], pass: w({ uasc: [u({ DUC: '2030-03-14' })] }) },
  { code: 'INT09', fail: w({ uasc: [u({ CHILD: 'C9' })] }), flags: ['UASC:2'], pass: w({ uasc: [u()] }) },
  { code: 'INT18', fail: w({ uasc: [u({ DOB: '2012-03-15' })] }), flags: ['UASC:2'], pass: w({ uasc: [u()] }) },
  { code: 'INT21', fail: w({ uasc: [u({ SEX: 'M' })] }), flags: ['UASC:2'], pass: w({ uasc: [u()] }) },
  { code: 'INT36', fail: w({ uasc: [u(), u()] }), flags: ['UASC:2', 'UASC:3'], pass: w({ uasc: [u()] }) },
  { code: 'INT03', fail: w({ episodes: [e(), e({ CHILD: 'C9' })] }), flags: ['Episodes:3'], pass: w({}) },
];
