import {
  JOURNEY_STATES,
  PHASES,
  REGIONS,
  SERVICE_AREAS,
  type JourneyState,
  type Phase,
  type Region,
  type ServiceArea,
} from '@pathway/domain/vocabulary';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
import { field, type FormProblem } from '../forms';

export interface PipelineFilterValues {
  phase: string;
  state: string;
  serviceArea: string;
  region: string;
  parentBodyId: string;
  departmentId: string;
  atRisk: string;
}

/**
 * The pipeline page's filters from its GET form. An unknown value is a problem (shown in the error
 * summary) and is left out, so the page still shows something. `state` and `atRisk` narrow the
 * journey list and the CSV only: the pipeline's counts and lists have no such filter. Parent
 * bodies and departments must be among those in the caller's scope (a department officer's own
 * department only), so a filter can narrow what they see, never widen it.
 */
export function readPipelineFilters(
  query: unknown,
  parentBodyIds: readonly string[],
  departmentIds: readonly string[] = [],
): { values: PipelineFilterValues; filters: PipelineFilters; problems: FormProblem[] } {
  const values: PipelineFilterValues = {
    phase: field(query, 'phase'),
    state: field(query, 'state'),
    serviceArea: field(query, 'serviceArea'),
    region: field(query, 'region'),
    parentBodyId: field(query, 'parentBodyId'),
    departmentId: field(query, 'departmentId'),
    atRisk: field(query, 'atRisk'),
  };
  const filters: PipelineFilters = {};
  const problems: FormProblem[] = [];
  const pick = <T extends string>(name: keyof PipelineFilterValues, allowed: readonly string[], message: string, set: (v: T) => void) => {
    const v = values[name];
    if (!v) return;
    if (allowed.includes(v)) set(v as T);
    else problems.push({ field: name, text: message });
  };
  pick<Phase>('phase', PHASES, 'Select a phase from the list', (v) => (filters.phase = v));
  pick<JourneyState>('state', JOURNEY_STATES, 'Select a status from the list', (v) => (filters.state = v));
  pick<ServiceArea>('serviceArea', SERVICE_AREAS, 'Select a service area from the list', (v) => (filters.serviceArea = v));
  pick<Region>('region', REGIONS, 'Select a region from the list', (v) => (filters.region = v));
  pick<string>('parentBodyId', parentBodyIds, 'Select a parent body from the list', (v) => (filters.parentBodyId = v));
  pick<string>('departmentId', departmentIds, 'Select a department from the list', (v) => (filters.departmentId = v));
  pick<string>(
    'atRisk',
    ['true', 'false'],
    'Select whether the journeys are at risk from the list',
    (v) => (filters.atRisk = v === 'true'),
  );
  return { values, filters, problems };
}

/** The filters as a query string (`?phase=…&region=…`), '' when none. */
export function filterQuery(filters: PipelineFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v || v === false) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
