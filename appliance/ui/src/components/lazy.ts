/**
 * The screens the first screen does not need, each in its own chunk, loaded when first shown
 * (the page's JavaScript budget: docs/architecture.md, Build).
 */
export const authoringScreen = () => import('./authoring/AuthoringScreen.svelte');
export const technicianScreen = () => import('./TechnicianScreen.svelte');
export const crossCheckScreen = () => import('./CrossCheckScreen.svelte');
export const patientAccessLog = () => import('./PatientAccessLog.svelte');
