// Public surface of src/logql/pipeline (filled in by its implementation).
export {};
