/**
 * Request and response shapes of the HTTP API, one file per context. The server
 * validates and serializes with them, the OpenAPI document at /api/docs is generated
 * from them, and the web client imports the same types: no shape is written twice.
 */
export * from "./roles";
export * from "./common";
export * from "./errors";
export * from "./auth";
export * from "./users";
export * from "./cycles";
export * from "./values";
export * from "./work";
export * from "./evidence";
export * from "./audit";
export * from "./score-report";
export * from "./users-admin";
export * from "./password-change";
export * from "./audit-log";
export * from "./frameworks";
export * from "./departments";
export * from "./comments";
export * from "./item-changes";
export * from "./workflow";
export * from "./timeliness";
export * from "./notifications";
export * from "./documents";
export * from "./template-import";
