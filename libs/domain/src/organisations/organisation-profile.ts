/**
 * An organisation's nation and (parent bodies only) body type, and the rule that binds them to its
 * kind. One rule for every path that writes an organisation (API, web form, bootstrap, seed).
 */
import { BODY_TYPES, type BodyType, DEFAULT_NATION, type Nation, NATIONS, type OrganisationKind } from '../vocabulary';

export interface OrganisationProfile {
  kind: OrganisationKind;
  nation: Nation;
  bodyType: BodyType | null;
}

export const isNation = (v: unknown): v is Nation => typeof v === 'string' && (NATIONS as readonly string[]).includes(v);
export const isBodyType = (v: unknown): v is BodyType => typeof v === 'string' && (BODY_TYPES as readonly string[]).includes(v);

/**
 * Problems with a proposed profile, one message per field, each starting with the field's name
 * (NestJS's 400 shape). Empty: valid. `nation` absent means the default (England).
 */
export function organisationProfileProblems(input: { kind: OrganisationKind; nation?: unknown; bodyType?: unknown }): string[] {
  const problems: string[] = [];
  if (input.nation !== undefined && !isNation(input.nation))
    problems.push(`nation must be one of the following values: ${NATIONS.join(', ')}`);
  if (input.bodyType !== undefined && input.bodyType !== null) {
    if (!isBodyType(input.bodyType)) problems.push(`bodyType must be one of the following values: ${BODY_TYPES.join(', ')}`);
    else if (input.kind !== 'parent_body') problems.push(`bodyType applies only to an organisation of kind parent_body, not ${input.kind}`);
  }
  return problems;
}

/** The stored profile for a valid input (call organisationProfileProblems first). */
export function organisationProfile(input: { kind: OrganisationKind; nation?: Nation; bodyType?: BodyType | null }): OrganisationProfile {
  return {
    kind: input.kind,
    nation: input.nation ?? DEFAULT_NATION,
    bodyType: input.kind === 'parent_body' ? (input.bodyType ?? null) : null,
  };
}
