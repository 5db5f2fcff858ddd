export * from './status';
export * from './external-ref';
