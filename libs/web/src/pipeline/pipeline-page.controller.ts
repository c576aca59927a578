import { BadRequestException, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { JOURNEY_STATES, PHASES, REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import { LookupsService } from '../support/lookups.service';
import type { Principal } from '@pathway/identity/principal';
import { csvFileName, PipelineCsvService } from '@pathway/pipeline/pipeline-csv.service';
import { PipelineService } from '@pathway/pipeline/pipeline.service';
import { ContractExpiriesService } from '@pathway/contracts/contract-expiries.service';
import { PipelineResultsService } from '@pathway/results/pipeline-results.service';
import { ProgrammeService } from '@pathway/pipeline/programme/programme.service';
import { AdvisersService } from '@pathway/support/advisers.service';
import { sendCsv } from '@pathway/support/support-pipeline.controller';
import { SupportAwardsService } from '@pathway/support/support-awards.service';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { programmeView } from './programme-view';
import { WebController } from '../auth/web-controller.decorator';
import { pipelineSustainabilityView } from '../sustainability/sustainability-view';
import { buildFormErrors } from '../forms';
import { label, type LabelKind } from '../labels';
import { AT_RISK_LIST, ESCALATION_LIST, HUMAN_JOURNEYS_CSV, JOURNEY_LIST, STALLED_LIST } from './journey-list-view';
import { filterQuery, readPipelineFilters } from './pipeline-filters';
import { listParams, readListOptions, sortableListView, type ListOptions, type SortableList } from './sortable-list';

/** Advisers' comments and assignments listed on the page, newest first. */
export const ADVISER_ACTIVITY_LIMIT = 20;

/** Rows shown in the contract expiries list on the page (the journey, at-risk, stalled and escalated lists page instead). */
export const PIPELINE_LIST_LIMIT = 50;

type CountRow = { key: string; label: string; count: number };

function countRows(counts: Record<string, number>, kind: LabelKind): CountRow[] {
  return Object.entries(counts).map(([key, count]) => ({ key, label: label(key, kind), count }));
}

/**
 * `/pipeline`: the central team's view of every journey (a department officer's: their
 * department's), from PipelineService: counts by phase, state, service area and region as tables,
 * the at-risk, stalled and escalated lists, a GET filter form, and the CSV
 * (`/pipeline/journeys.csv`, the API's export streamed for a signed-in session).
 */
@WebController('pipeline')
export class PipelinePageController {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly csv: PipelineCsvService,
    private readonly lookups: LookupsService,
    private readonly expiries: ContractExpiriesService,
    private readonly results: PipelineResultsService,
    private readonly programme: ProgrammeService,
    private readonly support: SupportAwardsService,
    private readonly advisers: AdvisersService,
  ) {}

  @Get()
  async page(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const scope = AccessPolicy.pipelineScope(user);
    const [parentBodies, departments] = await Promise.all([
      this.lookups.parentBodiesInScope(scope),
      this.lookups.departmentsInScope(scope),
    ]);
    const { values, filters, problems } = readPipelineFilters(
      query,
      parentBodies.map((o) => o.id),
      departments.map((o) => o.id),
    );
    // Status and at risk narrow the journey list and the download only.
    const { state: _state, atRisk: _atRisk, ...listFilters } = filters;
    const read = <S extends string>(list: SortableList<S>) => {
      const r = readListOptions(query, list);
      problems.push(...r.problems);
      return r.options;
    };
    const options = {
      journeys: read(JOURNEY_LIST),
      atRisk: read(AT_RISK_LIST),
      stalled: read(STALLED_LIST),
      escalations: read(ESCALATION_LIST),
    };
    const page = <S extends string>(list: SortableList<S>, o: ListOptions<S>) => ({
      sort: o.sort,
      order: o.order,
      limit: list.perPage,
      offset: (o.page - 1) * list.perPage,
    });
    const now = new Date();
    const [summary, atRisk, stalled, escalations, journeys] = await Promise.all([
      this.pipeline.summary(scope, listFilters, now),
      this.pipeline.atRisk(scope, { ...listFilters, ...page(AT_RISK_LIST, options.atRisk) }, now),
      this.pipeline.stalled(scope, { ...listFilters, ...page(STALLED_LIST, options.stalled) }, now),
      this.pipeline.escalations(scope, { ...listFilters, ...page(ESCALATION_LIST, options.escalations) }, now),
      this.pipeline.journeys(scope, { ...filters, ...page(JOURNEY_LIST, options.journeys) }, now),
    ]);
    const [expiries, results] = await Promise.all([
      this.expiries.expiries(scope, { ...listFilters, withinMonths: 18, limit: PIPELINE_LIST_LIMIT }, now),
      this.results.results(scope, listFilters),
    ]);
    const [trends, durations, support, activity] = await Promise.all([
      this.programme.trends(scope, listFilters, now),
      this.programme.durations(scope, listFilters, now),
      this.support.totals(scope, listFilters),
      this.advisers.recentActivity(scope, ADVISER_ACTIVITY_LIMIT),
    ]);
    // Every link of one list keeps the filters and the other lists' sorts and pages.
    const lists: Array<[SortableList<string>, ListOptions<string>]> = [
      [AT_RISK_LIST, options.atRisk],
      [STALLED_LIST, options.stalled],
      [ESCALATION_LIST, options.escalations],
      [JOURNEY_LIST, options.journeys],
    ];
    const state = (except: SortableList<string>) => {
      const params = new URLSearchParams(filterQuery(filters).slice(1));
      for (const [list, o] of lists) if (list !== except) for (const [k, v] of Object.entries(listParams(list, o))) params.set(k, v);
      return params;
    };
    const selectOptions = (keys: readonly string[], kind: LabelKind, selected: string, all: string) => [
      { value: '', text: all, selected: !selected },
      ...keys.map((k) => ({ value: k, text: label(k, kind), selected: k === selected })),
    ];
    const organisations = (orgs: Array<{ id: string; name: string }>, selected: string, all: string) => [
      { value: '', text: all, selected: !selected },
      ...orgs.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
    ];
    res.status(problems.length ? 400 : 200).render('pipeline/index', {
      pageTitle: 'Pipeline',
      scopedTo: scope.departmentId ? user.organisationName : null,
      errors: buildFormErrors(problems),
      values,
      filtered: Object.keys(filters).length > 0,
      filterOptions: {
        phase: selectOptions(PHASES, 'phase', values.phase, 'All phases'),
        state: selectOptions(JOURNEY_STATES, 'state', values.state, 'All statuses'),
        serviceArea: selectOptions(SERVICE_AREAS, 'serviceArea', values.serviceArea, 'All service areas'),
        region: selectOptions(REGIONS, 'region', values.region, 'All regions'),
        parentBody: organisations(parentBodies, values.parentBodyId, 'All parent bodies'),
        department: organisations(departments, values.departmentId, 'All departments'),
        atRisk: [
          { value: '', text: 'At risk or not', selected: !values.atRisk },
          { value: 'true', text: 'At risk', selected: values.atRisk === 'true' },
          { value: 'false', text: 'Not at risk', selected: values.atRisk === 'false' },
        ],
      },
      // A department officer sees their own department only: no choice to offer.
      departmentFilter: !scope.departmentId,
      summary,
      counts: {
        phase: countRows(summary.byPhase, 'phase'),
        state: countRows(summary.byState, 'state'),
        serviceArea: countRows(summary.byServiceArea, 'serviceArea'),
        region: countRows(summary.byRegion, 'region'),
      },
      atRisk,
      stalled,
      escalations,
      journeys,
      programme: programmeView({ summary, trends, durations, support, activity, query: filterQuery(listFilters) }),
      sustainability: pipelineSustainabilityView(expiries, results as never, (k) => label(k, 'serviceArea')),
      listLimit: PIPELINE_LIST_LIMIT,
      csvHref: `/pipeline/journeys.csv${filterQuery(filters)}`,
      machineCsvHref: `/pipeline/journeys.csv${filterQuery(filters) ? `${filterQuery(filters)}&` : '?'}format=machine`,
      atRiskList: sortableListView(AT_RISK_LIST, options.atRisk, atRisk.total, state(AT_RISK_LIST)),
      stalledList: sortableListView(STALLED_LIST, options.stalled, stalled.total, state(STALLED_LIST)),
      escalationList: sortableListView(ESCALATION_LIST, options.escalations, escalations.total, state(ESCALATION_LIST)),
      journeyList: sortableListView(JOURNEY_LIST, options.journeys, journeys.total, state(JOURNEY_LIST)),
      // The filter form keeps every list's sort (hidden fields); a new filter starts each at page 1.
      keep: lists.flatMap(([list, o]) => Object.entries(listParams(list, o, false)).map(([name, value]) => ({ name, value }))),
    });
  }

  @Get('journeys.csv')
  async journeysCsv(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { scope, filters } = await this.scopeAndFilters(user, query);
    const now = new Date();
    // For people by default (words and labels); `format=machine` is the API's export.
    const machine = query.format === 'machine';
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(now)}"`);
    await this.csv.stream(scope, filters, res, now, machine ? undefined : HUMAN_JOURNEYS_CSV);
  }

  /** The API's support-awards CSV (GET /api/pipeline/support-awards.csv), for a signed-in session, with the page's filters. */
  @Get('support-awards.csv')
  async supportCsv(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { scope, filters } = await this.csvScope(user, query);
    sendCsv(res, `pathway-support-awards-${todayInLondon(new Date())}.csv`, await this.support.awardsCsv(scope, filters));
  }

  /** The API's trends CSV (GET /api/pipeline/trends.csv: quarters, the default range), with the page's filters. */
  @Get('trends.csv')
  async trendsCsv(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { scope, filters } = await this.csvScope(user, query);
    sendCsv(res, `pathway-trends-${todayInLondon(new Date())}.csv`, await this.programme.trendsCsv(scope, filters));
  }

  /** Who may download (the pipeline's scope: 403 for anyone else) and the page's filters but status, as the page's totals use. */
  private async csvScope(user: Principal, query: Record<string, unknown>) {
    const { scope, filters } = await this.scopeAndFilters(user, query);
    const { state: _state, atRisk: _atRisk, ...listFilters } = filters;
    return { scope, filters: listFilters };
  }

  /**
   * The pipeline's scope (403 for anyone outside it) and the page's filters, parent bodies and
   * departments checked against it. A download with a filter it cannot apply is refused (400, the
   * error page naming each problem) rather than made without it: a spreadsheet of more journeys
   * than asked for would read as the filtered one.
   */
  private async scopeAndFilters(user: Principal, query: Record<string, unknown>) {
    const scope = AccessPolicy.pipelineScope(user);
    const [parentBodies, departments] = await Promise.all([
      this.lookups.parentBodiesInScope(scope),
      this.lookups.departmentsInScope(scope),
    ]);
    const { filters, problems } = readPipelineFilters(
      query,
      parentBodies.map((o) => o.id),
      departments.map((o) => o.id),
    );
    if (problems.length) throw new BadRequestException(problems.map((p) => p.text));
    return { scope, filters };
  }
}
