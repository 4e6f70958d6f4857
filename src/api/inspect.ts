/**
 * @module api/inspect — inspection exports shared by the main and `/sync` entries: nothing here
 * needs a crypto backend, so it runs everywhere (also in a browser, without a certificate).
 */

export { inspectToken } from '../inspect/inspect.ts';
export { tokenExpiresAt } from '../inspect/expires-at.ts';
export type { InspectedFields, InspectedPrivilege, InspectedService, InspectedToken, InspectedToken006, InspectedToken007, InspectedTokenCommon, InspectOptions } from '../inspect/types.ts';
export { FINDING_CODES, type Finding, type FindingCode, type FindingCodeInfo, type FindingDetail, type FindingDetails, type FindingSeverity } from '../inspect/findings.ts';
export type { DiagnoseExpectation } from '../inspect/expected.ts';
export { EXPECTED_SERVICES, type ExpectedService } from '../inspect/service-info.ts';
