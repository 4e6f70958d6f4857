/** @module api/inspect-async — placeholder filled by the inspect/diagnose work. */
export {};
