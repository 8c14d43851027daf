/**
 * Serves the built kiosk page (appliance/ui/dist). index.html gets the per-boot secret in
 * `<meta name="baladeur-secret">`; it is never cached. Built assets are static files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export const SECRET_PLACEHOLDER = '%BALADEUR_SECRET%';

export function uiRouter(distDir: string, secret: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, 'index.html');
  const index = existsSync(indexFile)
    ? readFileSync(indexFile, 'utf8').replaceAll(SECRET_PLACEHOLDER, secret)
    : undefined;
  const sendIndex = (_req: express.Request, res: express.Response): void => {
    if (index === undefined) {
      res.status(503).type('text/plain').send('The kiosk page is not built: run `npm run build:ui`.');
      return;
    }
    res.type('html').send(index);
  };
  router.get(['/', '/index.html'], sendIndex);
  router.use(express.static(distDir, { index: false, dotfiles: 'deny', fallthrough: true, etag: false }));
  return router;
}
