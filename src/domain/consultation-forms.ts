// What each consultation form asks, in the words of the person answering it: the child's forms by age
// (4 to 7, 8 to 12, 13 and over) and an easy-read form with symbols, and the forms for parents, carers and
// the social worker. The same question keeps the same id on every form (goingWell, worries, wishes …), so
// answers are stored as structured data and can be read side by side whoever gave them.

export type RespondentType = 'child' | 'parent' | 'carer' | 'social_worker';
export const RESPONDENT_TYPES = ['child', 'parent', 'carer', 'social_worker'] as const satisfies readonly RespondentType[];

export type ChildFormVersion = 'age_4_7' | 'age_8_12' | 'age_13_plus' | 'easy_read';
export type FormVersion = ChildFormVersion | 'parent' | 'carer' | 'social_worker';
export const CHILD_FORM_VERSIONS = ['age_4_7', 'age_8_12', 'age_13_plus', 'easy_read'] as const satisfies readonly ChildFormVersion[];
export const FORM_VERSIONS = [...CHILD_FORM_VERSIONS, 'parent', 'carer', 'social_worker'] as const satisfies readonly FormVersion[];

export type QuestionId =
  | 'feelingsHome'
  | 'feelingsSchool'
  | 'goingWell'
  | 'worries'
  | 'wishes'
  | 'whoComes'
  | 'notWanted'
  | 'whereHow'
  | 'whereHowMore'
  | 'attend'
  | 'chairPart'
  | 'advocate'
  | 'contact'
  | 'needs'
  | 'whoElse'
  | 'schoolHealth'
  | 'childViews';

/** text: written answer; one: choose one; many: choose any. */
export type QuestionKind = 'text' | 'one' | 'many';

export interface Choice {
  value: string;
  label: string;
  /** The file name (without .svg) of the symbol shown beside it on the easy-read and youngest forms. */
  symbol?: string;
}

export interface Question {
  id: QuestionId;
  kind: QuestionKind;
  label: string;
  hint?: string;
  choices?: readonly Choice[];
  symbol?: string;
}

export interface FormDefinition {
  version: FormVersion;
  respondent: RespondentType;
  /** How staff name the form. */
  name: string;
  /** The page's heading, addressed to the person answering. */
  heading: string;
  /** Symbols shown large, beside each question and choice. */
  withSymbols: boolean;
  questions: readonly Question[];
}

const FEELINGS: readonly Choice[] = [
  { value: 'happy', label: 'Happy', symbol: 'happy' },
  { value: 'ok', label: 'OK', symbol: 'ok' },
  { value: 'sad', label: 'Sad', symbol: 'sad' },
];

const ADVOCATE_CHOICES: readonly Choice[] = [
  { value: 'yes', label: 'Yes, please', symbol: 'yes' },
  { value: 'have_one', label: 'I already have one', symbol: 'advocate' },
  { value: 'no', label: 'No, thank you', symbol: 'no' },
  { value: 'not_sure', label: 'I’m not sure', symbol: 'not-sure' },
];

const CHAIR_CHOICES: readonly Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'maybe', label: 'Maybe – I’d like to talk to my IRO about it' },
  { value: 'no', label: 'No, thank you' },
];

const ADULT_ATTEND: readonly Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_sure', label: 'Not sure yet' },
];

const ADULT_WAYS: readonly Choice[] = [
  { value: 'in_person', label: 'In person' },
  { value: 'video', label: 'Online, by video call' },
  { value: 'phone', label: 'By phone' },
  { value: 'no_preference', label: 'No preference' },
];

const text = (id: QuestionId, label: string, hint?: string, symbol?: string): Question => ({ id, kind: 'text', label, ...(hint && { hint }), ...(symbol && { symbol }) });

const YOUNGEST: FormDefinition = {
  version: 'age_4_7',
  respondent: 'child',
  name: 'Child’s form, ages 4 to 7',
  heading: 'Your meeting: tell us what you think',
  withSymbols: true,
  questions: [
    { id: 'feelingsHome', kind: 'one', label: 'How do you feel about where you live?', choices: FEELINGS, symbol: 'home' },
    { id: 'feelingsSchool', kind: 'one', label: 'How do you feel about school or nursery?', choices: FEELINGS, symbol: 'school' },
    text('goingWell', 'What makes you happy?', 'You can write, or a grown-up can write for you.', 'star'),
    text('worries', 'Is anything making you sad or worried?', undefined, 'cloud'),
    text('wishes', 'What would you like to happen?', undefined, 'wish'),
    {
      id: 'whoComes',
      kind: 'many',
      label: 'Who would you like to come to your meeting?',
      hint: 'Choose as many as you like.',
      symbol: 'meeting',
      choices: [
        { value: 'carer', label: 'The people I live with', symbol: 'home' },
        { value: 'parents', label: 'My mum or dad', symbol: 'parents' },
        { value: 'social_worker', label: 'My social worker', symbol: 'social-worker' },
        { value: 'teacher', label: 'My teacher', symbol: 'school' },
        { value: 'advocate', label: 'Someone to help me say what I think', symbol: 'advocate' },
        { value: 'other', label: 'Someone else', symbol: 'person' },
      ],
    },
    {
      id: 'whereHow',
      kind: 'one',
      label: 'Where would you like your meeting to be?',
      symbol: 'meeting',
      choices: [
        { value: 'home', label: 'Where I live', symbol: 'home' },
        { value: 'school', label: 'At school', symbol: 'school' },
        { value: 'office', label: 'At the council’s office', symbol: 'office' },
        { value: 'video', label: 'On a video call', symbol: 'video' },
      ],
    },
    {
      id: 'attend',
      kind: 'one',
      label: 'Would you like to come to your meeting?',
      symbol: 'meeting',
      choices: [
        { value: 'yes', label: 'Yes', symbol: 'yes' },
        { value: 'part', label: 'For a little bit', symbol: 'part' },
        { value: 'no', label: 'No – this form can tell them what I think', symbol: 'no' },
      ],
    },
    {
      id: 'advocate',
      kind: 'one',
      label: 'Would you like a grown-up who is just there for you, to help you say what you think?',
      hint: 'This grown-up is called an advocate.',
      symbol: 'advocate',
      choices: [ADVOCATE_CHOICES[0]!, ADVOCATE_CHOICES[2]!, ADVOCATE_CHOICES[3]!],
    },
  ],
};

const MIDDLE: FormDefinition = {
  version: 'age_8_12',
  respondent: 'child',
  name: 'Child’s form, ages 8 to 12',
  heading: 'Your review: have your say',
  withSymbols: false,
  questions: [
    text('goingWell', 'What is going well for you at the moment?', 'For example, at home, at school, with friends or with your family.'),
    text('worries', 'Is anything worrying you, or not going well?'),
    text('wishes', 'What would you like to happen next?', 'For example, about where you live, school, or seeing your family.'),
    {
      id: 'whoComes',
      kind: 'many',
      label: 'Who would you like to be at your meeting?',
      hint: 'Choose as many as you like.',
      choices: [
        { value: 'carer', label: 'The people I live with' },
        { value: 'parents', label: 'My mum, dad or family' },
        { value: 'social_worker', label: 'My social worker' },
        { value: 'teacher', label: 'My teacher' },
        { value: 'advocate', label: 'An advocate (someone who helps me say what I think)' },
        { value: 'other', label: 'Someone else' },
      ],
    },
    text('notWanted', 'Is there anyone you do not want at your meeting?'),
    {
      id: 'whereHow',
      kind: 'one',
      label: 'Where would you like your meeting to be?',
      choices: [
        { value: 'home', label: 'Where I live' },
        { value: 'school', label: 'At school' },
        { value: 'office', label: 'At the council’s office' },
        { value: 'video', label: 'On a video call' },
        { value: 'no_preference', label: 'I don’t mind' },
      ],
    },
    {
      id: 'attend',
      kind: 'one',
      label: 'Would you like to come to your meeting?',
      choices: [
        { value: 'yes', label: 'Yes, for all of it' },
        { value: 'part', label: 'For part of it' },
        { value: 'no', label: 'No – I want this form to tell them what I think' },
        { value: 'not_sure', label: 'I’m not sure yet' },
      ],
    },
    { id: 'chairPart', kind: 'one', label: 'Would you like to help run part of your meeting?', hint: 'This is called chairing. Your IRO can help you.', choices: CHAIR_CHOICES },
    {
      id: 'advocate',
      kind: 'one',
      label: 'Would you like an advocate?',
      hint: 'An advocate is someone who is just there for you, and helps you say what you want.',
      choices: ADVOCATE_CHOICES,
    },
  ],
};

const OLDEST: FormDefinition = {
  version: 'age_13_plus',
  respondent: 'child',
  name: 'Young person’s form, 13 and over',
  heading: 'Your review: have your say',
  withSymbols: false,
  questions: [
    text('goingWell', 'What is going well for you?', 'For example, where you live, school, college or work, your health, friends and family.'),
    text('worries', 'What is not going well, or worrying you?'),
    text('wishes', 'What do you want to happen? What should your plan say?', 'For example, where you live, education, family time, and plans for when you leave care.'),
    {
      id: 'whoComes',
      kind: 'many',
      label: 'Who do you want at your review?',
      hint: 'Choose as many as you like.',
      choices: [
        { value: 'carer', label: 'My carers or key worker' },
        { value: 'parents', label: 'My parents or family' },
        { value: 'social_worker', label: 'My social worker or personal adviser' },
        { value: 'teacher', label: 'My teacher or college' },
        { value: 'advocate', label: 'An advocate' },
        { value: 'other', label: 'Someone else' },
      ],
    },
    text('notWanted', 'Is there anyone you do not want at your review?'),
    {
      id: 'whereHow',
      kind: 'one',
      label: 'Where and how do you want your review to be held?',
      choices: [
        { value: 'home', label: 'Where I live' },
        { value: 'school', label: 'At school or college' },
        { value: 'office', label: 'At a council office' },
        { value: 'video', label: 'Online, by video call' },
        { value: 'no_preference', label: 'I don’t mind' },
      ],
    },
    text('whereHowMore', 'Anything else about how your review is held?', 'For example, the time of day, or having a break.'),
    {
      id: 'attend',
      kind: 'one',
      label: 'Do you want to come to your review?',
      choices: [
        { value: 'yes', label: 'Yes, all of it' },
        { value: 'part', label: 'Part of it' },
        { value: 'no', label: 'No – I want this form to give my views' },
        { value: 'not_sure', label: 'Not sure yet' },
      ],
    },
    { id: 'chairPart', kind: 'one', label: 'Would you like to chair (lead) all or part of your review?', choices: CHAIR_CHOICES },
    { id: 'advocate', kind: 'one', label: 'Would you like an advocate to help you give your views?', hint: 'An advocate is independent and is there only for you.', choices: ADVOCATE_CHOICES },
  ],
};

const EASY_READ: FormDefinition = {
  version: 'easy_read',
  respondent: 'child',
  name: 'Child’s easy-read form with symbols',
  heading: 'Your meeting',
  withSymbols: true,
  questions: [
    { id: 'feelingsHome', kind: 'one', label: 'Home. How do you feel?', choices: FEELINGS, symbol: 'home' },
    { id: 'feelingsSchool', kind: 'one', label: 'School. How do you feel?', choices: FEELINGS, symbol: 'school' },
    text('goingWell', 'Good things. Tell us.', 'A helper can write for you.', 'star'),
    text('worries', 'Worries. Tell us.', 'A helper can write for you.', 'cloud'),
    {
      id: 'whoComes',
      kind: 'many',
      label: 'Your meeting. Who do you want there?',
      hint: 'Choose all you want.',
      symbol: 'meeting',
      choices: [
        { value: 'carer', label: 'People I live with', symbol: 'home' },
        { value: 'parents', label: 'Mum or dad', symbol: 'parents' },
        { value: 'social_worker', label: 'Social worker', symbol: 'social-worker' },
        { value: 'teacher', label: 'Teacher', symbol: 'school' },
        { value: 'advocate', label: 'Helper (advocate)', symbol: 'advocate' },
      ],
    },
    {
      id: 'whereHow',
      kind: 'one',
      label: 'Where?',
      symbol: 'meeting',
      choices: [
        { value: 'home', label: 'Home', symbol: 'home' },
        { value: 'school', label: 'School', symbol: 'school' },
        { value: 'office', label: 'Office', symbol: 'office' },
        { value: 'video', label: 'Video call', symbol: 'video' },
      ],
    },
    {
      id: 'attend',
      kind: 'one',
      label: 'Do you want to come?',
      symbol: 'meeting',
      choices: [
        { value: 'yes', label: 'Yes', symbol: 'yes' },
        { value: 'part', label: 'A little', symbol: 'part' },
        { value: 'no', label: 'No', symbol: 'no' },
      ],
    },
    {
      id: 'advocate',
      kind: 'one',
      label: 'Do you want a helper to speak up for you?',
      symbol: 'advocate',
      choices: [
        { value: 'yes', label: 'Yes', symbol: 'yes' },
        { value: 'no', label: 'No', symbol: 'no' },
        { value: 'not_sure', label: 'Not sure', symbol: 'not-sure' },
      ],
    },
  ],
};

const PARENT: FormDefinition = {
  version: 'parent',
  respondent: 'parent',
  name: 'Parent’s form',
  heading: 'Your views before your child’s review',
  withSymbols: false,
  questions: [
    text('goingWell', 'What do you think is going well for your child?'),
    text('worries', 'What worries you about your child’s care?'),
    text('wishes', 'What would you like to happen, or to change, for your child?'),
    text('contact', 'How is family time (contact) with your child going?'),
    { id: 'attend', kind: 'one', label: 'Will you come to the review?', choices: ADULT_ATTEND },
    { id: 'whereHow', kind: 'one', label: 'How would you prefer to take part?', choices: ADULT_WAYS },
    text('needs', 'Do you need anything to take part?', 'For example, an interpreter, or help getting there.'),
    text('whoElse', 'Is there anyone else who should be invited?'),
  ],
};

const CARER: FormDefinition = {
  version: 'carer',
  respondent: 'carer',
  name: 'Carer’s form',
  heading: 'Your views before the review',
  withSymbols: false,
  questions: [
    text('goingWell', 'How is the child getting on in your home?'),
    text('schoolHealth', 'How are they doing with school or college, and with their health?'),
    text('worries', 'Do you have any worries?'),
    text('childViews', 'Has the child told you anything they want the review to know?'),
    text('wishes', 'What would help the child, or you as their carer?'),
    { id: 'attend', kind: 'one', label: 'Will you come to the review?', choices: ADULT_ATTEND },
    { id: 'whereHow', kind: 'one', label: 'How would you prefer to take part?', choices: ADULT_WAYS },
  ],
};

const SOCIAL_WORKER: FormDefinition = {
  version: 'social_worker',
  respondent: 'social_worker',
  name: 'Social worker’s form',
  heading: 'Your views before the review',
  withSymbols: false,
  questions: [
    text('goingWell', 'What progress has been made since the last review?'),
    text('worries', 'What are the current concerns or risks?'),
    text('childViews', 'What are the child’s wishes and feelings, as you understand them?'),
    text('wishes', 'What changes to the care plan will you propose?'),
    text('whoElse', 'Who else should be invited to the review?'),
  ],
};

export const FORMS: Readonly<Record<FormVersion, FormDefinition>> = {
  age_4_7: YOUNGEST,
  age_8_12: MIDDLE,
  age_13_plus: OLDEST,
  easy_read: EASY_READ,
  parent: PARENT,
  carer: CARER,
  social_worker: SOCIAL_WORKER,
};

export const RESPONDENT_LABELS: Readonly<Record<RespondentType, string>> = {
  child: 'The child',
  parent: 'Parent',
  carer: 'Carer',
  social_worker: 'Social worker',
};

export function isFormVersion(value: string): value is FormVersion {
  return (FORM_VERSIONS as readonly string[]).includes(value);
}

export function isRespondentType(value: string): value is RespondentType {
  return (RESPONDENT_TYPES as readonly string[]).includes(value);
}

/** Every symbol the forms use, so a test can check each has its picture. */
export function symbolsUsed(): string[] {
  const names = new Set<string>();
  for (const form of Object.values(FORMS)) {
    for (const q of form.questions) {
      if (q.symbol) names.add(q.symbol);
      for (const c of q.choices ?? []) if (c.symbol) names.add(c.symbol);
    }
  }
  return [...names].sort();
}
