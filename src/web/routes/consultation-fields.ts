// The public consultation form's questions as GOV.UK components: a text area, radios or checkboxes for each
// question, filled with the answers saved or posted, and on the easy-read and youngest forms a symbol beside
// each question and choice. Symbols sit beside words that say the same thing, so they are decorative (alt="").

import type { Answers, FormDefinition, Question } from '../../domain/consultation.ts';
import type { FormErrors } from '../forms.ts';

/** A question as its component's parameters: govukTextarea, govukRadios or govukCheckboxes. */
export interface FormField {
  kind: Question['kind'];
  params: Record<string, unknown>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function symbol(name: string | undefined, size: number): string {
  return name ? `<img class="iro-symbol" src="/assets/symbols/${encodeURIComponent(name)}.svg" alt="" width="${size}" height="${size}"> ` : '';
}

function labelled(text: string, symbolName: string | undefined, withSymbols: boolean, size: number): { text: string } | { html: string } {
  return withSymbols && symbolName ? { html: `${symbol(symbolName, size)}${escapeHtml(text)}` } : { text };
}

function field(question: Question, form: FormDefinition, answers: Answers, errors: FormErrors): FormField {
  const big = form.withSymbols;
  const error = errors.byField[question.id];
  const hint = question.hint ? { text: question.hint } : undefined;
  const headingClasses = big ? 'govuk-fieldset__legend--m' : 'govuk-fieldset__legend--s';
  const value = answers[question.id];
  if (question.kind === 'text') {
    return {
      kind: 'text',
      params: {
        id: question.id,
        name: question.id,
        rows: big ? 3 : 4,
        label: { ...labelled(question.label, question.symbol, big, 64), classes: big ? 'govuk-label--m' : 'govuk-label--s' },
        hint,
        value: typeof value === 'string' ? value : '',
        errorMessage: error,
      },
    };
  }
  const chosen = new Set([value ?? []].flat());
  return {
    kind: question.kind,
    params: {
      name: question.id,
      idPrefix: question.id,
      fieldset: { legend: { ...labelled(question.label, question.symbol, big, 64), classes: headingClasses } },
      hint,
      errorMessage: error,
      classes: big ? 'iro-symbol-choices' : undefined,
      items: (question.choices ?? []).map((c) => ({ value: c.value, ...labelled(c.label, c.symbol, big, 48), checked: chosen.has(c.value) })),
    },
  };
}

export function formFields(form: FormDefinition, answers: Answers, errors: FormErrors): FormField[] {
  return form.questions.map((q) => field(q, form, answers, errors));
}
