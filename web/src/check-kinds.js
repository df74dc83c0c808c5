// @ts-check
import { currentLanguage, el, enumeration } from './shell.js';

/** One labelled checkbox per organisation kind (a workplace may be of several kinds). */
export function kindBoxes(fieldset, prefix) {
  const checked = new Set([...fieldset.querySelectorAll('input:checked')].map((i) => i.value));
  for (const old of fieldset.querySelectorAll('label')) old.remove();
  const language = currentLanguage();
  for (const kind of enumeration('organisationKinds')) {
    const id = `${prefix}-${kind.value}`;
    const box = el('input', { type: 'checkbox', id, name: 'organisationKinds', value: kind.value, checked: checked.has(kind.value) });
    fieldset.append(el('label', { for: id }, box, el('span', { text: kind.name[language] })));
  }
}
