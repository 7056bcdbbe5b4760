// Public surface of src/logql/engine (filled in by its implementation).
export {};
