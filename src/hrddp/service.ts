/**
 * Human rights due diligence: the service other domains and the interfaces call (never the tables).
 *
 * Requests (requests.ts): createRequest, updateRequest, getRequest, listRequests, screenScope,
 *   moveRequest (the configured state machine, refusals naming every failing guard), stepsFor,
 *   decisionsOf, waiversOf, measuresOf, addPlan / plansOf (operational plans in a compartment).
 * Assessments (assessments.ts): dossierOf (the evidence dossier as of the support dates),
 *   openAssessment (a new version), updateAssessment (assessor criteria, override, completion),
 *   assessmentsOf, compareVersions.
 * Actions (actions.ts): addMeasure, updateMeasure, overdueMeasuresAsOf, decideWaiver, generateLetter,
 *   letterDocument (PDF, DOCX, text), recordLetterDates, noticesOf (the staged-notice ladder).
 * Monitoring (watch.ts): listReviews (the events feed), triageReview, resolveReview, sweep, suspend,
 *   liftSuspension, suspensionStatus; the write hooks raising reviews live (watch.ts, sources.ts).
 * Oversight (oversight.ts): addListing / endListing / listListings (the mission's lists), follow-up
 *   committees, complianceReport.
 */
export * from './requests.ts';
export * from './assessments.ts';
export * from './actions.ts';
export { listReviews, liftSuspension, listSuspensions, monitoredRequest, resolveReview, suspend, suspensionStatus, sweep, triageReview } from './watch.ts';
export * from './oversight.ts';
export { gatherDossier, listingsOn, type GatheredDossier, type PersonHistory } from './evidence.ts';
