import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import * as domain from './index';

describe('domain library surface', () => {
  it('exports the public API', () => {
    for (const name of [
      'initialPosition',
      'applyJourneyEvent',
      'structurallyAvailableEvents',
      'blockingTasks',
      'PHASE_MACHINES',
      'toMermaid',
      'JOURNEY_EVENT_TYPES',
      'PUBLIC_JOURNEY_EVENT_TYPES',
      'EVENT_DEFINITIONS',
      'DECLINE_GROUNDS',
      'PATHWAY_TEMPLATE_V1',
      'validateTemplate',
      'isValidCalendarDate',
      'todayInLondon',
      'isWorkingDay',
      'addWorkingDays',
      'addCalendar',
      'computeDueDate',
      'deadlineInstant',
      'parseIsoDuration',
      'reminderSchedule',
      'initialTaskStatus',
      'recomputeAvailability',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });

  it('imports neither Nest nor TypeORM', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(__dirname);
    for (const file of files) {
      // The event payload DTOs (event-payload.ts) are the one place class-validator's decorators describe domain data.
      const forbidden = file.endsWith('event-payload.ts') ? /from '(@nestjs|typeorm)/ : /from '(@nestjs|typeorm|class-validator)/;
      expect({ file, bad: forbidden.test(readFileSync(file, 'utf8')) }).toEqual({ file, bad: false });
    }
  });
});
