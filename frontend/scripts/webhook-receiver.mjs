// A webhook receiver for tests and benchmarks, on loopback. It verifies every delivery with the standardwebhooks
// npm package (the reference TypeScript implementation, no Factdesk code) and records what it got.
//
//   node scripts/webhook-receiver.mjs [--port N]      prints {"port": N} once listening on 127.0.0.1
//   PUT  /_control  {"secrets": ["whsec_..."], "failFirst": 2, "failStatus": 500, "status": 204, "delayMs": 0}
//                   failFirst: answer failStatus to the first n attempts of each webhook-id
//   GET  /_received every delivery so far: {id, timestamp, type, seq, claimId, occurredAt, verified, error,
//                   attempt, signatures, path, receivedAt} (times in epoch ms, timestamp in s)
//   any other POST  a delivery
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 0) || 0;

let control = { secrets: [], failFirst: 0, failStatus: 500, status: 204, delayMs: 0 };
const received = [];
const attemptsById = new Map();

function read(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function verify(body, headers) {
  let last = 'no secret configured';
  for (const s of control.secrets) {
    try {
      return { payload: new Webhook(s).verify(body, headers), error: null };
    } catch (e) {
      last = e.message;
    }
  }
  return { payload: null, error: last };
}

const server = createServer(async (req, res) => {
  const body = await read(req);
  if (req.url === '/_control' && req.method === 'PUT') {
    control = { ...control, ...JSON.parse(body) };
    res.writeHead(204).end();
    return;
  }
  if (req.url === '/_received' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    return;
  }
  const headers = {
    'webhook-id': req.headers['webhook-id'],
    'webhook-timestamp': req.headers['webhook-timestamp'],
    'webhook-signature': req.headers['webhook-signature'],
  };
  const { payload, error } = verify(body, headers);
  const id = headers['webhook-id'];
  const attempt = (attemptsById.get(id) ?? 0) + 1;
  attemptsById.set(id, attempt);
  received.push({
    id,
    timestamp: Number(headers['webhook-timestamp']),
    type: payload?.type ?? null,
    seq: payload?.data?.seq ?? null,
    claimId: payload?.data?.claimId ?? null,
    occurredAt: payload?.data?.occurredAt ? Date.parse(payload.data.occurredAt) : null,
    verified: payload !== null,
    error,
    attempt,
    signatures: (headers['webhook-signature'] ?? '').split(' ').length,
    path: req.url,
    receivedAt: Date.now(),
  });
  const answer = () => {
    const status = attempt <= control.failFirst ? control.failStatus : payload === null ? 401 : control.status;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : `refused (attempt ${attempt})`);
  };
  if (control.delayMs > 0) setTimeout(answer, control.delayMs);
  else answer();
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
