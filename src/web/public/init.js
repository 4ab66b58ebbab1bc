// Starts GOV.UK Frontend's components (the pages work without it).
import { initAll } from '/assets/govuk-frontend.min.js';
initAll();
