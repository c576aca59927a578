/** Which template tasks to create for a journey: with the journey, or when a given event fires; only those that fit it. */
import { JourneyEventType } from '../events';
import { JourneyFit, tasksThatFit } from './pathway-fit';
import { PathwayTemplate, TemplateTask } from './types';

export function tasksCreatedWithJourney(template: PathwayTemplate, fit?: JourneyFit): TemplateTask[] {
  const tasks = template.tasks.filter((t) => t.createdOn === undefined);
  return fit ? tasksThatFit(tasks, fit) : tasks;
}

export function tasksCreatedOn(template: PathwayTemplate, eventType: JourneyEventType, fit?: JourneyFit): TemplateTask[] {
  const tasks = template.tasks.filter((t) => t.createdOn === eventType);
  return fit ? tasksThatFit(tasks, fit) : tasks;
}
