import { DateTime } from 'luxon';
import { MAX_TRANSFER_YEARS_AHEAD } from '@pathway/domain/bounds/bounds';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { type Region, type ServiceArea } from '@pathway/domain/vocabulary';
import { CreateJourneyDto } from '@pathway/journeys/dto/journey.dto';
import { parseDateInput, type DatePart, type DateInputValues } from '../date-input';
import { formatDate } from '../filters';
import { dtoProblems, field, inPageOrder, type FormProblem, type FormWords } from '../forms';

/** What the "Start a journey" form holds, as typed. */
export interface NewJourneyValues {
  name: string;
  mutualOrganisationId: string;
  parentBodyId: string;
  commissionerId: string;
  departmentId: string;
  arbiterId: string;
  serviceArea: string;
  region: string;
  staffCount: string;
  plannedTransferDate: DateInputValues;
}

/** The organisations a person may pick from, by kind (ids only matter here). */
export interface OrganisationChoices {
  mutual: string[];
  parent_body: string[];
  commissioner: string[];
  department: string[];
  arbiter: string[];
}

/** Field labels, for messages from the journeys service (`parentBodyId must name …`). */
export const NEW_JOURNEY_FIELDS: Record<string, string> = {
  name: 'Journey name',
  mutualOrganisationId: 'Mutual',
  parentBodyId: 'Parent body',
  commissionerId: 'Commissioner',
  departmentId: 'Government department',
  arbiterId: 'Independent arbiter',
  serviceArea: 'Service area',
  region: 'Region',
  staffCount: 'Number of staff',
  plannedTransferDate: 'Planned transfer date',
};

export const EMPTY_NEW_JOURNEY: NewJourneyValues = {
  name: '',
  mutualOrganisationId: '',
  parentBodyId: '',
  commissionerId: '',
  departmentId: '',
  arbiterId: '',
  serviceArea: '',
  region: '',
  staffCount: '',
  plannedTransferDate: { day: '', month: '', year: '' },
};

/** Words for what CreateJourneyDto refuses once the form has read the fields' shape (presence and choices are the form's). */
const NEW_JOURNEY_WORDS: FormWords = {
  name: { maxLength: 'Journey name must be 200 characters or fewer', '*': 'Enter a name for the journey' },
  mutualOrganisationId: 'Select the mutual',
  parentBodyId: 'Select the parent body',
  commissionerId: 'Select a commissioner from the list, or none',
  departmentId: 'Select a government department from the list, or none',
  arbiterId: 'Select an independent arbiter from the list, or none',
  serviceArea: 'Select the service area',
  region: 'Select the region',
  staffCount: { max: 'Number of staff must be 1,000,000 or fewer', '*': 'Number of staff must be a whole number, like 120' },
};

/**
 * Reads the posted form: the CreateJourneyDto for JourneysService.create, or the problems in
 * GOV.UK words, in the order of the fields on the page. The form reads what people type (an
 * empty box, a choice from its lists, "1,400", the date boxes); the bounds are CreateJourneyDto's,
 * judged with the form's words, so the web cannot accept what the API refuses. `fixedMutualId`: a
 * mutual lead starts a journey for their own organisation only (the service checks this too).
 */
export async function readNewJourneyForm(
  body: unknown,
  choices: OrganisationChoices,
  fixedMutualId: string | null,
  now = new Date(),
): Promise<{ values: NewJourneyValues; dto?: CreateJourneyDto; problems: FormProblem[]; dateErrorParts: DatePart[] }> {
  const text = (name: string) => field(body, name).trim();
  const date = parseDateInput(body, {
    name: 'plannedTransferDate',
    label: 'the planned transfer date',
    required: true,
    notInPast: true,
    now,
  });
  const values: NewJourneyValues = {
    name: text('name'),
    mutualOrganisationId: fixedMutualId ?? text('mutualOrganisationId'),
    parentBodyId: text('parentBodyId'),
    commissionerId: text('commissionerId'),
    departmentId: text('departmentId'),
    arbiterId: text('arbiterId'),
    serviceArea: text('serviceArea'),
    region: text('region'),
    staffCount: text('staffCount').replace(/,/g, ''),
    plannedTransferDate: date.values,
  };
  const problems: FormProblem[] = [];
  if (!values.name) problems.push({ field: 'name', text: 'Enter a name for the journey' });
  if (!fixedMutualId && !choices.mutual.includes(values.mutualOrganisationId))
    problems.push({ field: 'mutualOrganisationId', text: 'Select the mutual' });
  if (!choices.parent_body.includes(values.parentBodyId)) problems.push({ field: 'parentBodyId', text: 'Select the parent body' });
  const optional = (name: 'commissionerId' | 'departmentId' | 'arbiterId', kind: keyof OrganisationChoices) => {
    if (values[name] && !choices[kind].includes(values[name])) problems.push({ field: name, text: NEW_JOURNEY_WORDS[name] as string });
  };
  optional('commissionerId', 'commissioner');
  optional('departmentId', 'department');
  optional('arbiterId', 'arbiter');
  if (!values.staffCount) problems.push({ field: 'staffCount', text: 'Enter the number of staff who would transfer' });
  else if (!/^\d{1,10}$/.test(values.staffCount))
    problems.push({ field: 'staffCount', text: 'Number of staff must be a whole number, like 120' });
  if (date.problem) problems.push(date.problem);

  const dto: CreateJourneyDto = {
    name: values.name,
    mutualOrganisationId: values.mutualOrganisationId,
    parentBodyId: values.parentBodyId,
    ...(values.commissionerId ? { commissionerId: values.commissionerId } : {}),
    ...(values.departmentId ? { departmentId: values.departmentId } : {}),
    ...(values.arbiterId ? { arbiterId: values.arbiterId } : {}),
    serviceArea: values.serviceArea as ServiceArea,
    region: values.region as Region,
    staffCount: Number(values.staffCount),
    plannedTransferDate: date.value ?? '',
  };
  const words: FormWords = { ...NEW_JOURNEY_WORDS, plannedTransferDate: plannedTransferWords(now) };
  problems.push(...(await dtoProblems(CreateJourneyDto, dto, words, problems)).map(linkDate));
  inPageOrder(problems, Object.keys(NEW_JOURNEY_FIELDS));
  if (problems.length) {
    const dateProblem = problems.find((p) => p.field === 'plannedTransferDate');
    return { values, problems, dateErrorParts: date.problem?.parts ?? (dateProblem ? ['day', 'month', 'year'] : []) };
  }
  return { values, dto, problems, dateErrorParts: [] };
}

/** The DTO's refusal of a real date the form found not past: too far ahead (the limit is the domain's). */
function plannedTransferWords(now: Date): string {
  const latest = DateTime.fromISO(todayInLondon(now), { zone: 'utc' }).plus({ years: MAX_TRANSFER_YEARS_AHEAD });
  return `The planned transfer date must be no more than ${MAX_TRANSFER_YEARS_AHEAD} years ahead, on or before ${formatDate(latest.toISODate())}`;
}

const linkDate = (p: FormProblem): FormProblem => (p.field === 'plannedTransferDate' ? { ...p, href: '#plannedTransferDate-day' } : p);
