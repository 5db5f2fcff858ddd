export * from './clm-role';
export * from './scim-settings';
export * from './role-ids';
export * from './desired-user';
export * from './user-changes';
export * from './group-changes';
export * from './match-users';
