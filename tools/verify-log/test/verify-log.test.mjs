// Tests of tools/verify-log: a fake Factdesk transparency log on 127.0.0.1 (its own RFC 9162 tree, written from
// the RFC's recursive definitions independently of verify-log.mjs, and its own Ed25519 key), the CLI run as a
// child process, and the pure functions (including the Go sumdb note test vector).
//
//   node --test tools/verify-log/test/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import * as V from '../verify-log.mjs';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'verify-log.mjs');
const ORIGIN = 'factdesk.example.org/audit-log';

// ---------------------------------------------------------------------------------------------------------------
// the test's own Merkle tree (RFC 9162 2.1.1, 2.1.3.1, 2.1.4.1), over leaf inputs (Buffers)

const H = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const largestPow2Below = (n) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function mth(d) {
  if (d.length === 0) return H(Buffer.alloc(0));
  if (d.length === 1) return H(Buffer.from([0]), d[0]);
  const k = largestPow2Below(d.length);
  return H(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
}
function auditPath(m, d) {
  if (d.length <= 1) return [];
  const k = largestPow2Below(d.length);
  if (m < k) return [...auditPath(m, d.slice(0, k)), mth(d.slice(k))];
  return [...auditPath(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function subproof(m, d, b) {
  const n = d.length;
  if (m === n) return b ? [] : [mth(d)];
  const k = largestPow2Below(n);
  if (m <= k) return [...subproof(m, d.slice(0, k), b), mth(d.slice(k))];
  return [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}
const consistencyProof = (m, d) => (m === 0 || m === d.length ? [] : subproof(m, d, true));

// the test's own canonical JSON (sorted keys, no whitespace)
function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
const sha256hex = (s) => crypto.createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

// ---------------------------------------------------------------------------------------------------------------
// signing keys and notes

function makeKey(name = ORIGIN) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = H(Buffer.from(name), Buffer.from('\n'), Buffer.from([1]), pub).subarray(0, 4);
  const verifierKey = `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([1]), pub]).toString('base64')}`;
  return { name, privateKey, pub, keyId, verifierKey };
}

function signNote(text, key) {
  const sig = crypto.sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  return `${text}\n\u2014 ${key.name} ${Buffer.concat([key.keyId, sig]).toString('base64')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// the fake log service

class FakeLog {
  constructor() {
    this.origin = ORIGIN;
    this.key = makeKey();
    this.keys = [{ key: this.key, firstUsedAt: new Date().toISOString() }];
    this.events = []; // {seq, canonical, prevHash, hash, missing}
    this.checkpoints = new Map(); // treeSize -> checkpoint JSON
    this.latest = null;
    this.serve = null; // overrides the served latest checkpoint
    this.tamperInclusion = false;
    this.rulings = new Map(); // id -> {document, seq, tamperDocument, tamperEvent}
    this.requests = [];
  }

  append(type = 'CLAIM_CREATED', data = {}) {
    const seq = this.events.length + 1;
    const prevHash = this.events.length ? this.events[this.events.length - 1].hash : '0'.repeat(64);
    const canonical = canon({ seq, type, data, at: '2026-12-04T13:00:00Z' });
    const ev = { seq, canonical, prevHash, hash: sha256hex(prevHash + canonical), missing: false };
    this.events.push(ev);
    return ev;
  }

  appendN(n) {
    for (let i = 0; i < n; i++) this.append('CLAIM_CREATED', { claimId: this.events.length + 1 });
  }

  leafInputs(size = this.events.length) {
    return this.events.slice(0, size).map((e) => Buffer.from(e.hash, 'hex'));
  }

  checkpoint({ timestamp, origin, key, store = true } = {}) {
    const size = this.events.length;
    const root = mth(this.leafInputs()).toString('base64');
    const ts = timestamp ?? new Date().toISOString();
    const o = origin ?? this.origin;
    const k = key ?? this.key;
    const text = `${o}\n${size}\n${root}\ntimestamp ${ts}\n`;
    const cp = { origin: o, treeSize: size, rootHash: root, timestamp: ts, keyId: k.keyId.toString('hex'), note: signNote(text, k) };
    if (store) {
      this.checkpoints.set(size, cp);
      this.latest = cp;
    }
    return cp;
  }

  addRuling(id, document) {
    const provenanceHash = sha256hex(canon(document));
    const ev = this.append('RULING_APPROVED', { rulingId: id, provenanceHash });
    this.rulings.set(id, { document, seq: ev.seq, provenanceHash });
    return ev;
  }

  inclusionFor(index, size) {
    return {
      leafIndex: index,
      treeSize: size,
      leafHash: H(Buffer.from([0]), Buffer.from(this.events[index].hash, 'hex')).toString('base64'),
      hashes: auditPath(index, this.leafInputs(size)).map((h) => h.toString('base64')),
    };
  }

  provenance(id) {
    const r = this.rulings.get(id);
    if (!r) return null;
    const index = this.events.findIndex((e) => e.seq === r.seq);
    const ev = this.events[index];
    const cp = this.latest && this.latest.treeSize > index ? this.latest : null;
    const document = r.tamperDocument ? { ...r.document, verdict: 'TRUE' } : r.document;
    const canonical = r.tamperEvent ? ev.canonical.replace('RULING_APPROVED', 'RULING_APPROVED ') : ev.canonical;
    return {
      rulingId: id,
      algorithm: 'SHA-256',
      format: 'factdesk-provenance/1',
      recipe: 'sha256(canonical(document))',
      provenanceHash: r.provenanceHash,
      document,
      transparency: {
        approvalSeq: r.seq,
        approvalEvent: { canonical, prevHash: ev.prevHash, hash: ev.hash },
        leafIndex: index,
        inclusion: cp ? this.inclusionFor(index, cp.treeSize) : null,
        checkpoint: cp,
      },
    };
  }

  handle(req, res) {
    const u = new URL(req.url, 'http://127.0.0.1');
    this.requests.push(u.pathname + u.search);
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' });
      res.end(JSON.stringify(body));
    };
    const problem = (status, title, detail) => send(status, { type: 'about:blank', title, status, detail });
    const q = (k) => u.searchParams.get(k);
    const int = (k) => (/^[0-9]+$/.test(q(k) ?? '') ? Number(q(k)) : null);
    const base = '/api/public/transparency';
    const p = u.pathname;
    if (p === `${base}/checkpoint`) {
      const cp = this.serve ?? this.latest;
      return cp ? send(200, cp) : problem(404, 'Not Found', 'no checkpoint yet');
    }
    if (p === `${base}/key`) {
      const k = this.key;
      return send(200, { name: k.name, keyId: k.keyId.toString('hex'), publicKey: k.pub.toString('base64'), verifierKey: k.verifierKey });
    }
    if (p === `${base}/keys`) {
      return send(200, {
        items: this.keys.map(({ key: k, firstUsedAt }) => ({
          name: k.name, keyId: k.keyId.toString('hex'), publicKey: k.pub.toString('base64'), verifierKey: k.verifierKey, firstUsedAt,
        })),
      });
    }
    if (p === `${base}/proof/inclusion`) {
      const seq = int('seq');
      const n = int('treeSize');
      if (seq === null || n === null) return problem(400, 'Bad Request', 'seq and treeSize required');
      if (!this.checkpoints.has(n)) return problem(404, 'Not Found', `no checkpoint of size ${n}`);
      const index = this.events.findIndex((e) => e.seq === seq);
      if (index < 0 || index >= n) return problem(404, 'Not Found', `event ${seq} is not in tree ${n}`);
      const proof = this.inclusionFor(index, n);
      if (this.tamperInclusion && proof.hashes.length) {
        const b = Buffer.from(proof.hashes[0], 'base64');
        b[0] ^= 1;
        proof.hashes[0] = b.toString('base64');
      }
      return send(200, proof);
    }
    if (p === `${base}/proof/consistency`) {
      const m = int('from');
      const n = int('to');
      if (m === null || n === null || m > n) return problem(400, 'Bad Request', 'from <= to required');
      if (!this.checkpoints.has(m) || !this.checkpoints.has(n)) return problem(404, 'Not Found', 'not checkpointed sizes');
      return send(200, { from: m, to: n, hashes: consistencyProof(m, this.leafInputs(n)).map((h) => h.toString('base64')) });
    }
    if (p === `${base}/leaves`) {
      const a = int('start');
      const b = int('end');
      const max = this.latest ? this.latest.treeSize : 0;
      if (a === null || b === null || a > b || b - a > 1000 || b > max) return problem(400, 'Bad Request', 'bad range');
      const items = [];
      for (let i = a; i < b; i++) {
        const e = this.events[i];
        items.push({ index: i, seq: e.seq, eventHash: e.missing ? null : e.hash });
      }
      return send(200, { start: a, end: b, items });
    }
    const m = /^\/api\/public\/claim-reviews\/([0-9]+)\/provenance$/.exec(p);
    if (m) {
      const prov = this.provenance(Number(m[1]));
      return prov ? send(200, prov) : problem(404, 'Not Found', 'no such ruling');
    }
    return problem(404, 'Not Found', `no route ${p}`);
  }
}

async function startLog(t) {
  const log = new FakeLog();
  const server = http.createServer((req, res) => log.handle(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  log.url = `http://127.0.0.1:${server.address().port}`;
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return log;
}

function tmpState(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-log-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state.json');
}

function runCli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A log with a verified first run; returns {log, state, args}. */
async function verifiedLog(t, size = 5) {
  const log = await startLog(t);
  log.appendN(size);
  log.checkpoint({ timestamp: new Date(Date.now() - 60_000).toISOString() });
  const state = tmpState(t);
  const args = ['--url', log.url, '--state', state, '--key', log.key.verifierKey];
  const r = await runCli(args);
  assert.equal(r.code, 0, r.stderr);
  return { log, state, args };
}

/** Runs the CLI, expects exit 1 with `pattern` in FAIL, and the state file unchanged. */
async function expectFail(state, args, pattern) {
  const before = fs.existsSync(state) ? fs.readFileSync(state) : null;
  const r = await runCli(args);
  assert.equal(r.code, 1, `want exit 1, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.match(r.stderr, /FAIL: /);
  assert.match(r.stderr, pattern);
  assert.equal(r.stdout, '');
  const after = fs.existsSync(state) ? fs.readFileSync(state) : null;
  assert.deepEqual(after, before, 'the state file must not change on failure');
  assert.ok(!fs.existsSync(`${state}.tmp`), 'no leftover tmp file');
  return r;
}

const readState = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));

// ---------------------------------------------------------------------------------------------------------------
// pure functions

const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

test('Go sumdb note test vector verifies', () => {
  const v = V.parseVerifierKey(GO_VKEY);
  assert.equal(v.name, 'PeterNeumann');
  assert.equal(v.keyId, 'c74f20a3');
  assert.equal(V.formatVerifierKey(v.name, v.publicKey), GO_VKEY);
  const n = V.openNote(GO_NOTE, [v]);
  assert.equal(n.text, GO_TEXT);
  assert.deepEqual(n.verified.map((s) => s.name), ['PeterNeumann']);
});

test('Go note vector: flipping any one byte of the text fails', () => {
  const v = V.parseVerifierKey(GO_VKEY);
  for (let i = 0; i < GO_TEXT.length - 1; i++) {
    const c = GO_TEXT.charCodeAt(i);
    if (c === 0x0a) continue;
    const flipped = GO_TEXT.slice(0, i) + String.fromCharCode(c ^ 0x01) + GO_TEXT.slice(i + 1);
    assert.throws(() => V.openNote(GO_NOTE.replace(GO_TEXT, flipped), [v]), V.VerifyError, `byte ${i}`);
  }
});

test('signed-note parser rejects malformed notes and unknown keys', () => {
  const v = V.parseVerifierKey(GO_VKEY);
  const other = V.parseVerifierKey(makeKey('PeterNeumann').verifierKey);
  assert.throws(() => V.openNote(GO_NOTE, [other]), /not signed by any trusted key/);
  assert.throws(() => V.openNote(GO_NOTE, []), /not signed by any trusted key/);
  assert.throws(() => V.openNote(GO_TEXT, [v]), /malformed/); // no signature block
  assert.throws(() => V.openNote(GO_NOTE.slice(0, -1), [v]), /malformed/); // no final newline
  assert.throws(() => V.openNote(GO_NOTE.replace('\u2014', '-'), [v]), /malformed/);
  assert.throws(() => V.openNote(GO_NOTE.replace('x08go', 'x08g!'), [v]), /malformed/);
  assert.throws(() => V.openNote(`a\tb\n${GO_NOTE}`, [v]), /malformed/);
  // a signature byte flipped: known key, bad signature
  assert.throws(() => V.openNote(GO_NOTE.replace('x08go/ZJ', 'x08go/ZK'), [v]), /invalid signature/);
});

test('verifier keys are parsed strictly', () => {
  assert.throws(() => V.parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /does not match/);
  assert.throws(() => V.parseVerifierKey('Peter+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /does not match/);
  assert.throws(() => V.parseVerifierKey('PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /8 hex/);
  assert.throws(() => V.parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T'), /base64/);
  assert.throws(() => V.parseVerifierKey('PeterNeumann+c74f20a3+AhpcMQ=='), /not Ed25519/);
  assert.throws(() => V.parseVerifierKey('PeterNeumann'), /malformed/);
  assert.throws(() => V.parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /invalid name/);
  const k = makeKey('factdesk.example.org/audit-log');
  assert.equal(V.parseVerifierKey(k.verifierKey).keyId, k.keyId.toString('hex'));
});

test('checkpoint text parser', () => {
  const root = H(Buffer.from('x')).toString('base64');
  const c = V.parseCheckpointText(`o\n12\n${root}\ntimestamp 2026-12-04T13:10:00.123Z\n`);
  assert.equal(c.origin, 'o');
  assert.equal(c.treeSize, 12);
  assert.equal(c.rootHash, root);
  assert.equal(c.timestamp, '2026-12-04T13:10:00.123Z');
  for (const bad of [
    `o\n012\n${root}\ntimestamp 2026-12-04T13:10:00.123Z\n`,
    `o\n+1\n${root}\ntimestamp 2026-12-04T13:10:00.123Z\n`,
    `o\n1\nAAAA\ntimestamp 2026-12-04T13:10:00.123Z\n`,
    `o\n1\n${root}\ntimestamp 2026-12-04T13:10:00Z\n`,
    `o\n1\n${root}\ntimestamp 2026-13-04T13:10:00.123Z\n`,
    `o\n1\n${root}\n`,
    `\n1\n${root}\ntimestamp 2026-12-04T13:10:00.123Z\n`,
  ]) assert.throws(() => V.parseCheckpointText(bad), V.VerifyError, JSON.stringify(bad));
});

test('Merkle root, inclusion and consistency agree with an independent RFC 9162 tree', () => {
  const inputs = Array.from({ length: 20 }, (_, i) => H(Buffer.from(`leaf ${i}`)));
  assert.ok(V.EMPTY_ROOT.equals(mth([])));
  for (let n = 0; n <= inputs.length; n++) {
    const d = inputs.slice(0, n);
    const root = mth(d);
    assert.ok(V.merkleRoot(d.map((x) => V.leafHash(x))).equals(root), `root ${n}`);
    for (let i = 0; i < n; i++) {
      const p = auditPath(i, d);
      const lh = V.leafHash(d[i]);
      assert.ok(V.verifyInclusion(i, n, lh, p, root), `inclusion ${i}/${n}`);
      assert.ok(!V.verifyInclusion(i, n, V.leafHash(Buffer.from('nope')), p, root));
      if (p.length) assert.ok(!V.verifyInclusion(i, n, lh, p.slice(0, -1), root));
      if (n > 1) assert.ok(!V.verifyInclusion((i + 1) % n, n, lh, p, root));
    }
    assert.ok(!V.verifyInclusion(n, n, V.leafHash(Buffer.alloc(32)), [], root));
    for (let m = 0; m <= n; m++) {
      const mroot = mth(inputs.slice(0, m));
      const p = consistencyProof(m, d);
      assert.ok(V.verifyConsistency(m, n, mroot, root, p), `consistency ${m}->${n}`);
      if (m > 0 && m < n) {
        const bad = p.map((h, j) => (j === 0 ? H(h) : h));
        assert.ok(!V.verifyConsistency(m, n, mroot, root, bad), `bad consistency ${m}->${n}`);
        assert.ok(!V.verifyConsistency(m, n, H(mroot), root, p));
        assert.ok(!V.verifyConsistency(m, n, mroot, root, []));
      }
    }
  }
  const r = mth(inputs.slice(0, 4));
  assert.ok(!V.verifyConsistency(4, 4, r, r, [r]), 'from == to needs an empty proof');
  assert.ok(!V.verifyConsistency(0, 4, mth([]), r, [r]), 'from == 0 needs an empty proof');
});

test('canonical JSON sorts keys by UTF-16 code units at every depth', () => {
  assert.equal(V.canonicalJson({ b: 1, a: [{ z: 'x', y: null }], A: true, é: 'é', '\ud83d\ude00': 2, '\uffff': 3 }),
    '{"A":true,"a":[{"y":null,"z":"x"}],"b":1,"é":"é","\ud83d\ude00":2,"\uffff":3}');
  assert.equal(V.canonicalJson('a"\n'), '"a\\"\\n"');
});

test('durations and arguments', () => {
  assert.equal(V.parseDuration('90s'), 90_000);
  assert.equal(V.parseDuration('2h'), 7_200_000);
  assert.equal(V.parseDuration('1d'), 86_400_000);
  assert.equal(V.parseDuration('2'), null);
  assert.equal(V.parseDuration('2w'), null);
  assert.throws(() => V.parseArgs(['--url', 'http://127.0.0.1:1']), V.UsageError);
  assert.throws(() => V.parseArgs(['--url', 'ftp://x', '--state', 's']), V.UsageError);
  assert.throws(() => V.parseArgs(['--url', 'http://x', '--state', 's', '--event', '-1']), V.UsageError);
  const o = V.parseArgs(['--url=http://127.0.0.1:1/', '--state', 's', '--event', '3', '--event=4', '--audit', '--max-age', '30m']);
  assert.equal(o.url, 'http://127.0.0.1:1');
  assert.deepEqual(o.events, [3, 4]);
  assert.equal(o.audit, true);
  assert.equal(o.maxAgeMs, 1_800_000);
});

// ---------------------------------------------------------------------------------------------------------------
// the CLI against the fake log

test('usage errors exit 2', async () => {
  for (const args of [[], ['--url', 'http://127.0.0.1:9'], ['--state', 'x'], ['--url', 'http://127.0.0.1:9', '--state', 'x', '--bogus'],
    ['--url', 'http://127.0.0.1:9', '--state', 'x', '--max-age', '2weeks'], ['--url', 'http://127.0.0.1:9', '--state', 'x', '--key', 'nope'],
    ['--url', 'http://127.0.0.1:9', '--state', 'x', '--ruling', 'abc'], ['--url', 'http://127.0.0.1:9', '--state', 'x', '--event']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, JSON.stringify(args));
    assert.match(r.stderr, /usage:/);
    assert.equal(r.stdout, '');
  }
  assert.ok(!fs.existsSync('x'));
});

test('first run trusts the key on first use and saves the state', async (t) => {
  const log = await startLog(t);
  log.appendN(7);
  const cp = log.checkpoint();
  const state = tmpState(t);
  const r = await runCli(['--url', log.url, '--state', state]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `OK ${ORIGIN} treeSize=7 root=${cp.rootHash}\n`);
  assert.match(r.stderr, /WARNING: .*trusting/);
  assert.match(r.stderr, /--key/);
  const s = readState(state);
  assert.equal(s.origin, ORIGIN);
  assert.deepEqual(s.keys, [log.key.verifierKey]);
  assert.deepEqual(s.checkpoint, { treeSize: 7, rootHash: cp.rootHash, timestamp: cp.timestamp, note: cp.note });
  assert.ok(!fs.existsSync(`${state}.tmp`));
  // the next run uses the saved key: no warning, and no /key request
  log.requests.length = 0;
  const r2 = await runCli(['--url', log.url, '--state', state]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(r2.stderr, '');
  assert.ok(!log.requests.some((p) => p.endsWith('/key')));
});

test('second run after appends verifies consistency and saves', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(1);
  log.checkpoint();
  log.appendN(6);
  const cp = log.checkpoint();
  log.requests.length = 0;
  const r = await runCli(args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, `OK ${ORIGIN} treeSize=12 root=${cp.rootHash}\n`);
  assert.ok(log.requests.includes('/api/public/transparency/proof/consistency?from=5&to=12'));
  assert.equal(readState(state).checkpoint.treeSize, 12);
  // nothing new: same size, same root is fine
  const r2 = await runCli(args);
  assert.equal(r2.code, 0, r2.stderr);
});

test('a shrunk tree fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  const small = new FakeLog();
  small.key = log.key;
  small.events = log.events.slice(0, 3);
  log.serve = small.checkpoint();
  await expectFail(state, args, /log shrank/);
});

test('same size with a different root fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.events[4].hash = sha256hex('forged');
  log.checkpoint();
  await expectFail(state, args, /same treeSize 5 but a different root/);
});

test('a rewritten leaf fails consistency', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.events[2].hash = sha256hex('rewritten');
  log.appendN(4);
  log.checkpoint();
  await expectFail(state, args, /NOT consistent/);
});

test('a bad signature fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(2);
  const cp = log.checkpoint();
  const sigStart = cp.note.lastIndexOf(' ') + 1;
  const raw = Buffer.from(cp.note.slice(sigStart, -1), 'base64');
  raw[10] ^= 0x40;
  log.serve = { ...cp, note: `${cp.note.slice(0, sigStart)}${raw.toString('base64')}\n` };
  await expectFail(state, args, /invalid signature/);
});

test('a checkpoint signed by an untrusted (rotated) key fails, naming the key', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(2);
  const newKey = makeKey();
  log.keys.push({ key: newKey, firstUsedAt: new Date().toISOString() });
  log.key = newKey;
  log.checkpoint();
  const r = await expectFail(state, args, /not signed by any trusted key/);
  assert.match(r.stderr, /--key/);
  assert.ok(r.stderr.includes(newKey.verifierKey));
  // the operator adds the new key: OK
  const r2 = await runCli([...args, '--key', newKey.verifierKey]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(readState(state).keys.sort(), [args[5], newKey.verifierKey].sort());
});

test('JSON fields that differ from the note text fail', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(3);
  const cp = log.checkpoint();
  for (const lie of [{ treeSize: 9 }, { rootHash: H(Buffer.from('x')).toString('base64') }, { timestamp: '2030-01-01T00:00:00.000Z' },
    { origin: 'other.example/log' }]) {
    log.serve = { ...cp, ...lie };
    await expectFail(state, args, /differ from the signed note/);
  }
});

test('a wrong origin fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(2);
  log.checkpoint({ origin: 'evil.example.org/audit-log' });
  await expectFail(state, args, /origin "evil\.example\.org\/audit-log" is not the trusted origin/);
});

test('a timestamp going back fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(2);
  log.checkpoint({ timestamp: new Date(Date.now() - 3_600_000).toISOString() });
  await expectFail(state, args, /timestamp went back/);
});

test('--max-age exceeded fails', async (t) => {
  const log = await startLog(t);
  log.appendN(3);
  log.checkpoint({ timestamp: new Date(Date.now() - 3 * 3_600_000).toISOString() });
  const state = tmpState(t);
  const base = ['--url', log.url, '--state', state, '--key', log.key.verifierKey];
  await expectFail(state, [...base, '--max-age', '2h'], /too old/);
  await expectFail(state, [...base, '--max-age', '170m'], /too old/);
  assert.ok(!fs.existsSync(state));
  const r = await runCli([...base, '--max-age', '1d']);
  assert.equal(r.code, 0, r.stderr);
});

test('--event inclusion ok and bad', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(6);
  log.checkpoint();
  const r = await runCli([...args, '--event', '1', '--event', '7', '--event', '11']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^OK factdesk\.example\.org\/audit-log treeSize=11 root=/);
  assert.equal(lines[1], 'OK event seq=1 leafIndex=0 treeSize=11');
  assert.equal(lines[2], 'OK event seq=7 leafIndex=6 treeSize=11');
  assert.equal(lines[3], 'OK event seq=11 leafIndex=10 treeSize=11');
  // a tampered proof
  log.tamperInclusion = true;
  await expectFail(state, [...args, '--event', '7'], /event seq=7: inclusion proof .* does NOT verify/);
  log.tamperInclusion = false;
  // an event the log does not have (HTTP error with URL and status)
  const r2 = await expectFail(state, [...args, '--event', '99'], /HTTP 404/);
  assert.ok(r2.stderr.includes(`${log.url}/api/public/transparency/proof/inclusion?seq=99&treeSize=11`));
  // the leaf behind the proof is missing
  log.events[6].missing = true;
  await expectFail(state, [...args, '--event', '7'], /leaf 6 \(seq 7\) is missing/);
  log.events[6].missing = false;
  // the event was rewritten after the checkpoint
  log.events[6].hash = sha256hex('swapped');
  await expectFail(state, [...args, '--event', '7'], /does NOT verify against the root of tree 11/);
});

test('--ruling ok, tampered document fails, tampered event fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.addRuling(12, { rulingId: 12, claim: 'The moon is made of cheese', verdict: 'FALSE', sources: [{ url: 'https://example.org', b: 1, a: 2 }] });
  log.appendN(2);
  log.checkpoint();
  const r = await runCli([...args, '--ruling', '12']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\nOK ruling 12 provenanceHash=[0-9a-f]{64} approvalSeq=6 leafIndex=5 treeSize=8 embeddedTreeSize=8\n$/);
  assert.equal(r.stderr, '');
  // as Factdesk serves it: the event's hash without its content (which names staff)
  const full = log.provenance.bind(log);
  log.provenance = (id) => {
    const p = full(id);
    delete p.transparency.approvalEvent.canonical;
    return p;
  };
  const rHashOnly = await runCli([...args, '--ruling', '12']);
  assert.equal(rHashOnly.code, 0, rHashOnly.stderr);
  assert.match(rHashOnly.stdout, /OK ruling 12 .*leafIndex=5/);
  log.provenance = full;
  // the embedded checkpoint is older than the verified one: still on its history
  log.appendN(3);
  log.checkpoint();
  const rOlder = await runCli([...args, '--ruling', '12']);
  assert.equal(rOlder.code, 0, rOlder.stderr);
  // (the fake embeds the latest checkpoint; force an older one)
  const prov = log.provenance.bind(log);
  log.provenance = (id) => {
    const p = prov(id);
    p.transparency.checkpoint = log.checkpoints.get(8);
    p.transparency.inclusion = log.inclusionFor(5, 8);
    return p;
  };
  const rOld = await runCli([...args, '--ruling', '12']);
  assert.equal(rOld.code, 0, rOld.stderr);
  assert.match(rOld.stdout, /embeddedTreeSize=8/);
  log.provenance = prov;

  log.rulings.get(12).tamperDocument = true;
  await expectFail(state, [...args, '--ruling', '12'], /ruling 12: the document hashes to .* \(document tampered\)/);
  log.rulings.get(12).tamperDocument = false;
  log.rulings.get(12).tamperEvent = true;
  await expectFail(state, [...args, '--ruling', '12'], /ruling 12: the approval event hashes to .* \(event tampered\)/);
  log.rulings.get(12).tamperEvent = false;
  // a bad embedded proof
  log.provenance = (id) => {
    const p = prov(id);
    p.transparency.inclusion.hashes[0] = H(Buffer.from('x')).toString('base64');
    return p;
  };
  await expectFail(state, [...args, '--ruling', '12'], /embedded inclusion proof does NOT verify/);
  log.provenance = prov;
  // a tampered online proof
  log.tamperInclusion = true;
  await expectFail(state, [...args, '--ruling', '12'], /inclusion proof does NOT verify against the root/);
  log.tamperInclusion = false;
  // an unknown ruling
  await expectFail(state, [...args, '--ruling', '13'], /HTTP 404: Not Found - no such ruling/);
});

test('--ruling ties the document through the public publication event; a rewritten document fails', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  const original = { rulingId: 21, verdict: 'FALSE' };
  const originalHash = sha256hex(canon(original));
  // as Factdesk records it: the approval names staff (only its hash is public), the publication follows it
  const approval = log.append('RULING_APPROVED', { rulingId: 21, provenanceHash: originalHash, draftedBy: 'maria' });
  const publication = log.append('RULING_PUBLISHED', { rulingId: 21, provenanceHash: originalHash });
  log.appendN(2);
  log.checkpoint();
  const index = publication.seq - 1;
  let doc = original;
  log.provenance = (id) => (id !== 21 ? null : {
    rulingId: 21, algorithm: 'SHA-256', format: 'factdesk-provenance/1', recipe: 'sha256(canonical(document))',
    provenanceHash: sha256hex(canon(doc)), document: doc,
    transparency: {
      approvalSeq: approval.seq, approvalEvent: { prevHash: approval.prevHash, hash: approval.hash },
      publicationSeq: publication.seq,
      publicationEvent: { canonical: publication.canonical, prevHash: publication.prevHash, hash: publication.hash },
      provenSeq: publication.seq, leafIndex: index, inclusion: log.inclusionFor(index, log.latest.treeSize),
      checkpoint: log.latest,
    },
  });
  const r = await runCli([...args, '--ruling', '21']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, new RegExp(`OK ruling 21 provenanceHash=${originalHash} publicationSeq=${publication.seq} leafIndex=${index} `));
  // rewritten in the database with a matching new hash: the logged publication still records the old one
  doc = { rulingId: 21, verdict: 'TRUE' };
  await expectFail(state, [...args, '--ruling', '21'], /publication event records provenanceHash [0-9a-f]{64}, not [0-9a-f]{64} \(document rewritten\)/);
});

test('--ruling not yet checkpointed only warns', async (t) => {
  const { log, args } = await verifiedLog(t, 5);
  log.addRuling(3, { rulingId: 3, verdict: 'MISLEADING' });
  const r = await runCli([...args, '--ruling', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARNING: ruling 3: .*not yet/);
  assert.match(r.stdout, /OK ruling 3 .* PENDING/);
});

test('--audit ok, and a null leaf fails naming index and seq', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(2100);
  log.checkpoint();
  log.requests.length = 0;
  const r = await runCli([...args, '--audit']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /OK audit leaves=2105/);
  assert.deepEqual(log.requests.filter((p) => p.includes('/leaves')), [
    '/api/public/transparency/leaves?start=0&end=1000',
    '/api/public/transparency/leaves?start=1000&end=2000',
    '/api/public/transparency/leaves?start=2000&end=2105',
  ]);
  log.events[1500].missing = true;
  await expectFail(state, [...args, '--audit'], /index 1500 \(seq 1501\)/);
  log.events[1500].missing = false;
  // a leaf whose hash differs from the one in the tree
  log.events[7].hash = sha256hex('other');
  await expectFail(state, [...args, '--audit'], /audit: the root recomputed/);
});

test('--audit accepts leaves in commit order whose seqs are not increasing, refuses a seq held twice', async (t) => {
  const { log, state, args } = await verifiedLog(t, 5);
  log.appendN(20);
  log.checkpoint();
  // a transaction that took seq 12 committed after the one that took seq 13: the feed holds 13 before 12
  [log.events[11].seq, log.events[12].seq] = [log.events[12].seq, log.events[11].seq];
  const r = await runCli([...args, '--audit']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /OK audit leaves=25/);
  log.events[20].seq = log.events[3].seq;
  await expectFail(state, [...args, '--audit'], /leaves 3 and 20 both hold seq 4/);
});

test('no checkpoint yet, and an unreachable service, fail with exit 1', async (t) => {
  const log = await startLog(t);
  const state = tmpState(t);
  const r = await expectFail(state, ['--url', log.url, '--state', state, '--key', log.key.verifierKey], /HTTP 404.*no checkpoint/);
  assert.ok(r.stderr.includes(`${log.url}/api/public/transparency/checkpoint`));
  // a port nobody listens on (a server we just closed)
  const s = http.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise((resolve) => s.close(resolve));
  const r2 = await expectFail(state, ['--url', `http://127.0.0.1:${port}`, '--state', state, '--key', log.key.verifierKey], /ECONNREFUSED/);
  assert.ok(r2.stderr.includes(`http://127.0.0.1:${port}/api/public/transparency/checkpoint`));
  assert.ok(!fs.existsSync(state));
});

test('a corrupt state file fails and is left alone', async (t) => {
  const { state, args } = await verifiedLog(t, 5);
  const s = readState(state);
  s.checkpoint.treeSize = 4;
  fs.writeFileSync(state, JSON.stringify(s));
  await expectFail(state, args, /state file .* differ from the stored note/);
  fs.writeFileSync(state, '{not json');
  await expectFail(state, args, /not JSON/);
});
