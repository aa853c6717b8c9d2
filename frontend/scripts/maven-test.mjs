// Runs the unit tests from the Maven build (npm run test:maven); honours -DskipTests (SKIP_TESTS=true).
import { spawnSync } from 'node:child_process';

if (process.env.SKIP_TESTS === 'true') {
  console.log('frontend unit tests skipped (-DskipTests)');
  process.exit(0);
}
const r = spawnSync('npx', ['vitest', 'run'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
