/**
 * The pure rules of human rights due diligence: configuration, scope, risk assessment, request
 * workflow, monitoring, compliance figures and letters. No I/O: the HRDDP service stores the data
 * and the configuration and calls these functions.
 */
export * from './config.ts';
export * from './scope.ts';
export * from './risk.ts';
export * from './workflow.ts';
export * from './monitoring.ts';
export * from './compliance.ts';
export * from './letters.ts';
