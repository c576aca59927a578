import { join } from 'node:path';
import { repoRoot } from '@pathway/platform/repo-root';

const root = repoRoot();

/** Where the web layer's files live: the same whether running from source (tests) or dist/ (`npm start`). */
export const WEB_PATHS = {
  root,
  /** Our templates: layout, pages, macros. */
  views: join(root, 'views'),
  /** govuk-frontend's dist folder: `govuk/template.njk`, `govuk/components/...`. */
  govukDist: join(root, 'node_modules', 'govuk-frontend', 'dist'),
  /** govuk-frontend's compiled CSS/JS (`govuk-frontend.min.css`, `govuk-frontend.min.js`). */
  govukCompiled: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk'),
  /** Fonts, images and manifest.json, which the compiled CSS expects under `/assets`. */
  govukAssets: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'),
  /** The service's own static files (a little CSS), also under `/assets`. */
  public: join(root, 'public'),
};
