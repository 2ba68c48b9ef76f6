#!/usr/bin/env node
/**
 * Builds the web app (web/) into web/dist with Vite, offline: React and every library the app uses come
 * from node_modules, nothing is downloaded.
 *
 *   node scripts/build-web.js              build now
 *   node scripts/build-web.js --if-missing build only when web/dist is absent or older than its sources
 *                                          (postinstall and npm start); skips quietly when Vite is not
 *                                          installed (a production install without dev dependencies)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');
const OUT = join(WEB, 'dist');
const STAMP = join(OUT, '.build-stamp');
const ifMissing = process.argv.includes('--if-missing');

/** A digest of everything the bundle is made of: web/ sources and the locked dependency versions. */
function sourceDigest() {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'dist' || name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(WEB, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(WEB);
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex');
}

async function main() {
  if (!existsSync(join(WEB, 'index.html'))) {
    console.log('web: no web/index.html, nothing to build');
    return;
  }
  const digest = sourceDigest();
  if (ifMissing && existsSync(join(OUT, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === digest) return;
  // A production bundle even when called from a test run (vitest sets NODE_ENV=test).
  process.env.NODE_ENV = 'production';
  let vite;
  try {
    vite = await import('vite');
  } catch {
    if (ifMissing) {
      console.log('web: Vite is not installed (production install?); the web app was not built');
      return;
    }
    throw new Error('Vite is not installed: run npm install first');
  }
  const started = Date.now();
  await vite.build({
    configFile: false,
    mode: 'production',
    root: WEB,
    base: '/',
    logLevel: 'warn',
    publicDir: false,
    esbuild: { jsx: 'automatic' },
    build: {
      outDir: OUT,
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 2000,
      reportCompressedSize: false,
    },
  });
  writeFileSync(STAMP, digest + '\n');
  console.log(`web: built into ${relative(ROOT, OUT)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`web: build failed: ${e?.message ?? e}`);
  process.exit(1);
});
