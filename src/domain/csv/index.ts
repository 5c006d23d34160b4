// The recall-list CSV importer and exporter; see docs/formats.md for the file format.
export * from './columns';
export * from './decode';
export * from './errors';
export * from './export';
export * from './export-items';
export * from './import-csv';
export * from './labels';
export * from './parse';
export * from './plan';
export * from './validate';
