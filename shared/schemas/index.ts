export * from './admin';
export * from './analytics';
export * from './common';
export * from './evaluation';
export * from './imports';
export * from './meta';
export * from './report';
