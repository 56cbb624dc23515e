export * from './tenancy.js';
export * from './findings.js';
export * from './plans.js';
export * from './followup.js';
export * from './attachments.js';
export * from './history.js';
export * from './access.js';
export * from './balance.js';
