// The SSDA903 code lists the register is built on, with the wording users see. The DfE return's per-year
// variations (which codes a collection year accepts) live in src/ssda903; these are the union in use.

function codeList<const T extends Record<string, string>>(labels: T) {
  const codes = Object.keys(labels) as (keyof T & string)[];
  return { labels, codes, has: (value: string): value is keyof T & string => Object.hasOwn(labels, value) };
}

export const REASON_NEW_EPISODE = codeList({
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer(s) only',
  T: 'Change of placement only, same carer(s)',
  B: 'Change in legal status and placement and carer(s) at the same time',
  U: 'Change in legal status and placement at the same time, same carer(s)',
});
export type ReasonNewEpisode = (typeof REASON_NEW_EPISODE.codes)[number];

export const LEGAL_STATUS = codeList({
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under child assessment order and in local authority accommodation',
  J1: 'Remanded to local authority accommodation or youth detention accommodation',
  J2: 'Placed in local authority accommodation under the Police and Criminal Evidence Act 1984',
  J3: 'Sentenced to a youth rehabilitation order with residence or intensive fostering requirement',
});
export type LegalStatus = (typeof LEGAL_STATUS.codes)[number];

/** Legal statuses of a series of short breaks: reviewed under reg 48, not reg 33. */
export const SHORT_BREAK_LEGAL_STATUSES: readonly string[] = ['V3', 'V4'];

export const CATEGORY_OF_NEED = codeList({
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
});
export type CategoryOfNeed = (typeof CATEGORY_OF_NEED.codes)[number];

export const PLACEMENT_TYPE = codeList({
  A3: 'Placed for adoption with parental/guardian consent with current foster carer(s)',
  A4: 'Placed for adoption with parental/guardian consent not with current foster carer(s)',
  A5: 'Placed for adoption with placement order with current foster carer(s)',
  A6: 'Placed for adoption with placement order not with current foster carer(s)',
  H5: 'Semi-independent living accommodation not subject to children’s homes regulations',
  K1: 'Secure children’s homes',
  K2: 'Children’s homes subject to children’s homes regulations',
  K3: 'Registered supported accommodation',
  P1: 'Placed with own parent(s) or other person(s) with parental responsibility',
  P2: 'Independent living, e.g. in a flat, lodgings, bedsit, B&B or with friends',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS/health trust or other establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'All residential schools, except where dual-registered as a school and children’s home',
  T0: 'Temporary placement: all types',
  T1: 'Temporary periods in hospital',
  T2: 'Temporary absences of the child on holiday',
  T3: 'Temporary accommodation whilst normal foster carer(s) is/are on holiday',
  T4: 'Temporary accommodation of seven days or less, for any reason, not covered by codes T1 to T3',
  U1: 'Foster placement with relative(s) or friend(s) – long term fostering',
  U2: 'Foster placement with relative(s) or friend(s) who is/are also an approved adopter(s) – fostering for adoption',
  U3: 'Foster placement with relative(s) or friend(s) who is/are not long-term or fostering for adoption',
  U4: 'Foster placement with other foster carer(s) – long term fostering',
  U5: 'Foster placement with other foster carer(s) who is/are also an approved adopter(s) – fostering for adoption',
  U6: 'Foster placement with other foster carer(s) – not long term or fostering for adoption',
  Z1: 'Other placements',
  Z11: 'Other placements: custody or detention not otherwise coded',
  Z12: 'Other placements: not otherwise coded, in the child’s home area',
  Z13: 'Other placements: not otherwise coded, outside the home area',
  Z14: 'Other placements: unregulated or unregistered',
});
export type PlacementType = (typeof PLACEMENT_TYPE.codes)[number];

/** Placements for adoption: the Adoption Agencies Regulations 2005 review timetable applies from their start. */
export const ADOPTION_PLACEMENTS: readonly string[] = ['A3', 'A4', 'A5', 'A6'];

export const PLACEMENT_PROVIDER = codeList({
  PR0: 'Parent(s) or other person(s) with parental responsibility',
  PR1: 'Own provision (by the council)',
  PR2: 'Other local authority provision',
  PR3: 'Other public provision (e.g. by a PCT etc)',
  PR4: 'Private provision',
  PR5: 'Voluntary/third sector provision',
});

export const REASON_EPISODE_CEASED = codeList({
  X1: 'Episode ceases, and new episode begins on same day, for any reason',
  E11: 'Adopted – application for an adoption order unopposed',
  E12: 'Adopted – consent dispensed with by the court',
  E2: 'Died',
  E3: 'Care taken over by another local authority in the UK',
  E4A: 'Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process',
  E4B: 'Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process',
  E13: 'Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility',
  E41: 'Residence order (or, from 22 April 2014, a child arrangements order which sets out with whom the child is to live) granted',
  E45: 'Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)',
  E46: 'Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)',
  E47: 'Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)',
  E48: 'Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)',
  E5: 'Moved into independent living arrangement and no longer looked-after: supportive accommodation providing formalised advice/support arrangements',
  E6: 'Moved into independent living arrangement and no longer looked-after: accommodation providing no formalised advice/support arrangements',
  E7: 'Transferred to residential care funded by adult social care services',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment determined child is aged 18 or over and not looked after',
  E16: 'Child moved abroad',
  E17: 'Aged 18 (or over) and remained with current carers (inc under staying put arrangements)',
  E8: 'Period of being looked after ceased for any other reason',
});
export type ReasonEpisodeCeased = (typeof REASON_EPISODE_CEASED.codes)[number];

export const REASON_PLACEMENT_CHANGE = codeList({
  CARPL: 'Change to/implementation of care plan',
  CLOSE: 'Resignation/closure of provision',
  ALLEG: 'Allegation (section 47)',
  STAND: 'Standards of care concern',
  APPRR: 'Approval removed',
  CREQB: 'Carer(s) requests placement end due to child’s behaviour',
  CREQO: 'Carer(s) requests placement end other than due to child’s behaviour',
  CHILD: 'Child requests placement end',
  LAREQ: 'Responsible/area authority requests placement end',
  PLACE: 'Change in the status of placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Other',
});

export const ETHNICITY = codeList({
  WBRI: 'White British',
  WIRI: 'White Irish',
  WOTH: 'Any other White background',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
});
export type Ethnicity = (typeof ETHNICITY.codes)[number];

export const SEX = codeList({ M: 'Male', F: 'Female', U: 'Unknown' });
export type Sex = (typeof SEX.codes)[number];

export const PARTICIPATION_CODE = codeList({
  PN0: 'Child aged under 4 at the time of the review',
  PN1: 'Child physically attends and speaks for him or herself',
  PN2: 'Child physically attends and an advocate speaks on his or her behalf',
  PN3: 'Child attends and conveys his or her view symbolically (non-verbally)',
  PN4: 'Child physically attends but does not speak or convey a view, and no advocate speaks for them',
  PN5: 'Child does not attend physically but briefs an advocate to speak for him or her',
  PN6: 'Child does not attend but conveys his or her feelings by a facilitative medium',
  PN7: 'Child does not attend nor are his or her views conveyed',
});
export type ParticipationCode = (typeof PARTICIPATION_CODE.codes)[number];
