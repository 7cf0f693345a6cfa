import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { TIP_FORM_PATH } from './tip-form/tip-form.html';

/** Paths the API answers itself; the browser app's fallback never shadows them. */
const SERVER_PATHS = ['/api', TIP_FORM_PATH, '/healthz', '/readyz'];

function isServerPath(urlPath: string): boolean {
  return SERVER_PATHS.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

/** True when a web build (its index.html) is in `webRoot`. */
export function hasWebBuild(webRoot: string): boolean {
  return existsSync(path.join(webRoot, 'index.html'));
}

/**
 * Serves the browser app's production build (`vite build` output): hashed assets cached for a
 * year, and `index.html` (never cached, so a new build is picked up at once) for every other GET
 * that is not an API, tip-form or health path and does not look like a file, so client-side routes
 * such as /sok survive a reload.
 */
export function serveWebApp(webRoot: string): RequestHandler[] {
  const root = path.resolve(webRoot);
  const indexFile = path.join(root, 'index.html');
  const assets = express.static(root, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders(res, filePath) {
      const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fallback = (req: Request, res: Response, next: NextFunction): void => {
    const looksLikeFile = path.posix.basename(req.path).includes('.');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path) || looksLikeFile || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error) => {
      if (error) next(error);
    });
  };
  const staticUnlessServerPath = (req: Request, res: Response, next: NextFunction): void => {
    if (isServerPath(req.path)) next();
    else assets(req, res, next);
  };
  return [staticUnlessServerPath, fallback];
}
