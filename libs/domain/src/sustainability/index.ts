export * from './contract-rules';
export * from './renewal';
export * from './financial-year';
export * from './results';
