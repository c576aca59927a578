/** Which template tasks to create for a journey: with the journey, or when a given event fires. */
import { JourneyEventType } from '../events';
import { PathwayTemplate, TemplateTask } from './types';

export function tasksCreatedWithJourney(template: PathwayTemplate): TemplateTask[] {
  return template.tasks.filter((t) => t.createdOn === undefined);
}

export function tasksCreatedOn(template: PathwayTemplate, eventType: JourneyEventType): TemplateTask[] {
  return template.tasks.filter((t) => t.createdOn === eventType);
}
