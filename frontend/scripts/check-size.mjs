// Fails the build when the JavaScript the first page loads exceeds 100 KB gzipped (issue 5 budget).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const LIMIT = 100 * 1024;
const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../target/classes/META-INF/resources');
const html = readFileSync(join(out, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error(`no script found in ${out}/index.html`);
if (/(src|href)="(https?:)?\/\//.test(html)) throw new Error('index.html references an external resource');
let total = 0;
for (const src of scripts) {
  const size = gzipSync(readFileSync(join(out, src.replace(/^\//, '')))).length;
  total += size;
  console.log(`${src}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`first-page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT / 1024} KB)`);
if (total > LIMIT) {
  console.error('over the budget');
  process.exit(1);
}
