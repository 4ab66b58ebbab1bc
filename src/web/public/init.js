// Starts GOV.UK Frontend's components (the pages work without it).
import { initAll } from '/assets/govuk-frontend.min.js';
initAll();

// A table's box is a named region that takes keyboard focus so that a table wider than the screen can be
// scrolled without a mouse (WCAG 2.1.1). Without JavaScript every box is one; with it, a box whose table fits
// is plain again, so a report of many tables does not give a Tab stop and a landmark to each.
function fitTableBoxes() {
  for (const box of document.querySelectorAll('.app-table-wrapper')) {
    if (!box.dataset.label) box.dataset.label = box.getAttribute('aria-label') || '';
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', box.dataset.label);
      box.setAttribute('tabindex', '0');
    } else {
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
      box.removeAttribute('tabindex');
    }
  }
}
fitTableBoxes();
// Again whenever a box or its table changes size: the window is resized, or the page's font arrives.
if ('ResizeObserver' in window) {
  const observer = new window.ResizeObserver(fitTableBoxes);
  for (const box of document.querySelectorAll('.app-table-wrapper')) {
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
  }
} else window.addEventListener('resize', fitTableBoxes);
