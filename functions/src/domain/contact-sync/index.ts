/** Contact sync's pure logic: the settings, the values both sides share, the three-way merge. */
export * from './settings';
export * from './values';
export * from './merge';
