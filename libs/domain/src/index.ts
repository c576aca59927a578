/**
 * Pathway's pure domain core: vocabulary, journey events, phase machines and guards, the pathway
 * template, and calendar/deadline arithmetic. Imports neither Nest nor TypeORM.
 */
export * from './vocabulary';
export * from './events';
export * from './decline-grounds';
export * from './event-payload';
export * from './appeals';
export * from './organisations/organisation-profile';

export * from './machines/phase-specs';
export * from './machines/build-phase-machine';
export * from './machines/phase-machines';
export * from './machines/journey-position';
export * from './machines/blocking-tasks';
export * from './machines/to-mermaid';
export * from './machines/state-machines-doc';
export * from './machines/graph-events';

export * from './template/types';
export * from './template/legal-forms.v1';
export * from './template/pathway-template.v1';
export * from './template/pathway-template.v2';
export * from './template/legal-forms.v2';
export * from './template/pathway-fit';
export * from './template/validate-template';
export * from './template/tasks-to-create';

export * from './calendar/london';
export * from './calendar/working-days';
export * from './calendar/add-calendar';
export * from './calendar/due-date';
export * from './calendar/deadline';
export * from './calendar/duration';
export * from './calendar/reminder-schedule';

export * from './tasks/availability';

export * from './sustainability';
