/** @module api/inspect-sync — placeholder filled by the inspect/diagnose work. */
export {};
