import { REGIONS, SERVICE_AREAS, type Region, type ServiceArea } from '@pathway/domain/vocabulary';
import type { CreateJourneyDto } from '@pathway/journeys/dto/journey.dto';
import { parseDateInput, type DatePart, type DateInputValues } from '../date-input';
import { field, type FormProblem } from '../forms';

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

/**
 * Reads the posted form: the CreateJourneyDto for JourneysService.create, or the problems in
 * GOV.UK words, in the order of the fields on the page. `fixedMutualId`: a mutual lead starts a
 * journey for their own organisation only (the service checks this too).
 */
export function readNewJourneyForm(
  body: unknown,
  choices: OrganisationChoices,
  fixedMutualId: string | null,
  now = new Date(),
): { values: NewJourneyValues; dto?: CreateJourneyDto; problems: FormProblem[]; dateErrorParts: DatePart[] } {
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
  else if (values.name.length > 200) problems.push({ field: 'name', text: 'Journey name must be 200 characters or fewer' });
  if (!fixedMutualId && !choices.mutual.includes(values.mutualOrganisationId))
    problems.push({ field: 'mutualOrganisationId', text: 'Select the mutual' });
  if (!choices.parent_body.includes(values.parentBodyId)) problems.push({ field: 'parentBodyId', text: 'Select the parent body' });
  const optional = (name: 'commissionerId' | 'departmentId' | 'arbiterId', kind: keyof OrganisationChoices, message: string) => {
    if (values[name] && !choices[kind].includes(values[name])) problems.push({ field: name, text: message });
  };
  optional('commissionerId', 'commissioner', 'Select a commissioner from the list, or none');
  optional('departmentId', 'department', 'Select a government department from the list, or none');
  optional('arbiterId', 'arbiter', 'Select an independent arbiter from the list, or none');
  if (!(SERVICE_AREAS as readonly string[]).includes(values.serviceArea))
    problems.push({ field: 'serviceArea', text: 'Select the service area' });
  if (!(REGIONS as readonly string[]).includes(values.region)) problems.push({ field: 'region', text: 'Select the region' });
  if (!values.staffCount) problems.push({ field: 'staffCount', text: 'Enter the number of staff who would transfer' });
  else if (!/^\d+$/.test(values.staffCount))
    problems.push({ field: 'staffCount', text: 'Number of staff must be a whole number, like 120' });
  else if (Number(values.staffCount) > 1_000_000)
    problems.push({ field: 'staffCount', text: 'Number of staff must be 1,000,000 or fewer' });
  if (date.problem) problems.push(date.problem);

  if (problems.length) return { values, problems, dateErrorParts: date.problem?.parts ?? [] };
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
    plannedTransferDate: date.value!,
  };
  return { values, dto, problems, dateErrorParts: [] };
}
