// Usage: node scripts/gen-api.mjs [source]
// source: URL of the running service's spec (default http://localhost:8080/q/openapi?format=json),
// or a file such as ../target/openapi/openapi.json written by the Quarkus build.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateTypes, loadSpec } from './openapi-gen.mjs';

const source = process.argv[2] ?? 'http://localhost:8080/q/openapi?format=json';
const out = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
const text = await generateTypes(await loadSpec(source));
await writeFile(out, text);
console.log(`wrote ${out} from ${source}`);
