/** @module api/inspect — placeholder filled by the inspect/diagnose work. */
export {};
