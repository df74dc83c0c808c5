// @ts-check
// A document's declared data for an operator: the fields of each kind in a fixed order, with values named
// in the page's language (enumerations) and dates written out.
import { date, nameOf, t } from './shell.js';

const FIELDS = [
  ['employerBin'], ['employerName'], ['employerEmail'], ['position'], ['startDate', 'date'], ['endDate', 'date'],
  ['organisationKinds', 'organisationKinds'], ['ownership', 'ownerships'], ['region', 'regions'],
  ['settlementType', 'settlementTypes'], ['katoCode'], ['employmentDocumentId'],
  ['referralDate', 'date'], ['registeredFrom', 'date'], ['registeredTo', 'date'],
  ['ground', 'exemptionGrounds'], ['commissionDecisionDate', 'date'], ['spouseLocality'], ['disabilityGroup'],
  ['studyLevel', 'levels'], ['enrolmentDate', 'date'], ['pregnancyConfirmedOn', 'date'], ['childBirthDate', 'date'],
  ['stateOrder', 'yesNo'], ['serviceStart', 'date'], ['serviceEnd', 'date'],
];

function valueOf(value, kind) {
  if (kind === 'date') return date(value);
  if (kind === 'yesNo') return t(value ? 'pages.op.yes' : 'pages.op.no');
  if (Array.isArray(value)) return value.map((v) => (kind ? nameOf(kind, v) : String(v))).join(', ');
  return kind ? nameOf(kind, value) : String(value);
}

/** [label, text] pairs for the fields a document's metadata holds. */
export function declared(metadata) {
  const pairs = [];
  for (const [key, kind] of FIELDS) {
    const value = metadata?.[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    pairs.push([t(`pages.op.meta.${key}`), valueOf(value, kind)]);
  }
  return pairs;
}

export const DECLARED_KEYS = FIELDS.map(([key]) => key);
