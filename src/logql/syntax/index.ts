// Public surface of src/logql/syntax (filled in by its implementation).
export {};
