export * from './error-codes';
export * from './levels';
export * from './masking';
export * from './pagination';
export * from './rating-options';
export * from './roles';
export * from './ticket-state';
export * from './working-days';
