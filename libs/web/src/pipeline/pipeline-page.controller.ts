import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { JOURNEY_STATES, PHASES, REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import { LookupsService } from '../support/lookups.service';
import type { Principal } from '@pathway/identity/principal';
import { csvFileName, PipelineCsvService } from '@pathway/pipeline/pipeline-csv.service';
import { PipelineService } from '@pathway/pipeline/pipeline.service';
import { DEFAULT_JOURNEY_SORT } from '@pathway/pipeline/journey-sort';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
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
import { paginationView } from '../pagination';
import {
  HUMAN_JOURNEYS_CSV,
  JOURNEY_COLUMNS,
  JOURNEYS_PER_PAGE,
  readJourneyListOptions,
  sortableHead,
  type JourneyListOptions,
} from './journey-list-view';
import { filterQuery, readPipelineFilters } from './pipeline-filters';

/** Advisers' comments and assignments listed on the page, newest first. */
export const ADVISER_ACTIVITY_LIMIT = 20;

/** Rows shown in each list on the page; the CSV has every journey. */
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
    const parentBodies = await this.lookups.parentBodiesInScope(scope);
    const { values, filters, problems } = readPipelineFilters(
      query,
      parentBodies.map((o) => o.id),
    );
    const { state, ...listFilters } = filters;
    const list = readJourneyListOptions(query);
    problems.push(...list.problems);
    const { sort, order, page } = list.options;
    const now = new Date();
    const [summary, atRisk, stalled, escalations, journeys] = await Promise.all([
      this.pipeline.summary(scope, listFilters, now),
      this.pipeline.atRisk(scope, { ...listFilters, limit: PIPELINE_LIST_LIMIT }, now),
      this.pipeline.stalled(scope, { ...listFilters, limit: PIPELINE_LIST_LIMIT }, now),
      this.pipeline.escalations(scope, { ...listFilters, limit: PIPELINE_LIST_LIMIT }, now),
      this.pipeline.journeys(scope, { ...filters, sort, order, limit: JOURNEYS_PER_PAGE, offset: (page - 1) * JOURNEYS_PER_PAGE }, now),
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
    const options = (keys: readonly string[], kind: LabelKind, selected: string, all: string) => [
      { value: '', text: all, selected: !selected },
      ...keys.map((k) => ({ value: k, text: label(k, kind), selected: k === selected })),
    ];
    res.status(problems.length ? 400 : 200).render('pipeline/index', {
      pageTitle: 'Pipeline',
      scopedTo: scope.departmentId ? user.organisationName : null,
      errors: buildFormErrors(problems),
      values,
      filtered: Object.keys(filters).length > 0,
      filterOptions: {
        phase: options(PHASES, 'phase', values.phase, 'All phases'),
        state: options(JOURNEY_STATES, 'state', values.state, 'All statuses'),
        serviceArea: options(SERVICE_AREAS, 'serviceArea', values.serviceArea, 'All service areas'),
        region: options(REGIONS, 'region', values.region, 'All regions'),
        parentBody: [
          { value: '', text: 'All parent bodies', selected: !values.parentBodyId },
          ...parentBodies.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.parentBodyId })),
        ],
      },
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
      journeyList: journeyListView(filters, list.options, journeys.total),
    });
  }

  @Get('journeys.csv')
  async journeysCsv(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const scope = AccessPolicy.pipelineScope(user);
    const parentBodies = await this.lookups.parentBodiesInScope(scope);
    const { filters } = readPipelineFilters(
      query,
      parentBodies.map((o) => o.id),
    );
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
    const scope = AccessPolicy.pipelineScope(user);
    const parentBodies = await this.lookups.parentBodiesInScope(scope);
    const { filters } = readPipelineFilters(
      query,
      parentBodies.map((o) => o.id),
    );
    const { state: _state, ...listFilters } = filters;
    return { scope, filters: listFilters };
  }
}

/** The journey list's sortable head, its pagination and the "showing" line, keeping the filters in every link. */
function journeyListView(filters: PipelineFilters, options: JourneyListOptions, total: number) {
  const base = new URLSearchParams(filterQuery(filters).slice(1));
  const href = (extra: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, String(v));
    return `/pipeline?${params.toString()}#journeys`;
  };
  const sorted = (o: JourneyListOptions): Record<string, string> =>
    o.sort === DEFAULT_JOURNEY_SORT && o.order === 'asc' ? {} : { sort: o.sort, order: o.order };
  const pages = Math.max(1, Math.ceil(total / JOURNEYS_PER_PAGE));
  const first = total === 0 ? 0 : (options.page - 1) * JOURNEYS_PER_PAGE + 1;
  const last = Math.min(total, options.page * JOURNEYS_PER_PAGE);
  return {
    head: sortableHead(options, (sort, order) => href({ ...sorted({ sort, order, page: 1 }) })),
    pagination: paginationView(Math.min(options.page, pages), pages, (page) => href({ ...sorted(options), ...(page > 1 ? { page } : {}) })),
    first,
    last,
    pastTheEnd: total > 0 && first > total,
    firstPageHref: href(sorted(options)),
    // The narrow-screen sort form (the table head is hidden when rows stack) keeps the filters.
    sortForm: {
      sortItems: JOURNEY_COLUMNS.filter((c) => c.sort).map((c) => ({ value: c.sort, text: c.heading, selected: c.sort === options.sort })),
      orderItems: [
        { value: 'asc', text: 'Ascending (A to Z, earliest first)', selected: options.order === 'asc' },
        { value: 'desc', text: 'Descending (Z to A, latest first)', selected: options.order === 'desc' },
      ],
      filterFields: [...base.entries()].map(([name, value]) => ({ name, value })),
    },
    // The filter form keeps the sort (hidden fields); a new filter starts at page 1.
    keep: Object.entries(sorted(options)).map(([name, value]) => ({ name, value })),
  };
}
