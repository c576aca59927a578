export * from './ballot';
export * from './evidence-task';
export * from './survey';
