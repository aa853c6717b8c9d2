#!/usr/bin/env node
// verify-log: an outsider's verifier of Factdesk's transparency log (RFC 9162 Merkle tree, C2SP signed-note
// checkpoints). Node 20, built-ins only; shares no code with the Java service on purpose.
//
//   node tools/verify-log/verify-log.mjs --url URL --state FILE [--key VERIFIERKEY]... [--event SEQ]...
//        [--ruling ID]... [--audit] [--max-age 2h]
//
// Exit codes: 0 all checks passed (state saved), 1 a check failed or the service could not be read (state
// untouched), 2 usage error.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const USAGE = `usage: node tools/verify-log/verify-log.mjs --url URL --state FILE [--key VERIFIERKEY]...
         [--event SEQ]... [--ruling ID]... [--audit] [--max-age DURATION]

  --url URL          base URL of the Factdesk service, e.g. http://127.0.0.1:8080
  --state FILE       JSON state file (trusted keys + last verified checkpoint); created on first run
  --key VERIFIERKEY  trust this signed-note verifier key (name+hex8+base64), repeatable
  --event SEQ        check that the audit event with this seq is included in the verified tree, repeatable
  --ruling ID        check a ruling's provenance (document hash, approval event, inclusion), repeatable
  --audit            download every leaf, fail on missing events, recompute the root
  --max-age DURATION fail if the checkpoint is older than this (e.g. 90s, 30m, 2h, 1d)

exit codes: 0 OK, 1 FAIL, 2 usage error`;

const FETCH_TIMEOUT_MS = 30_000;
const LEAVES_PAGE = 1000;
const SIG_PREFIX = '\u2014 ';
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A verification failure: exit 1, "FAIL: message". */
export class VerifyError extends Error {}
/** A command-line usage error: exit 2. */
export class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// encodings

const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (padding required, canonical trailing bits); returns a Buffer or null. */
export function b64decodeStrict(s) {
  if (typeof s !== 'string' || !B64_RE.test(s)) return null;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64') === s ? buf : null;
}

/** A 32-byte hash in strict base64, or throws VerifyError naming `what`. */
export function b64hash(s, what) {
  const b = b64decodeStrict(s);
  if (!b || b.length !== 32) throw new VerifyError(`${what} is not a base64 SHA-256 hash: ${JSON.stringify(s)}`);
  return b;
}

export function isHex64(s) {
  return typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
}

export function sha256(...parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256hex(s) {
  return crypto.createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// RFC 9162 Merkle tree

const ZERO = Buffer.from([0x00]);
const ONE = Buffer.from([0x01]);

/** SHA-256(0x00 || input). */
export function leafHash(input) {
  return sha256(ZERO, input);
}

/** Leaf hash of an audit event: the leaf input is the 32 raw bytes of its 64-hex `hash`. */
export function eventLeafHash(eventHashHex) {
  if (!isHex64(eventHashHex)) throw new VerifyError(`event hash is not 64 lowercase hex: ${JSON.stringify(eventHashHex)}`);
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  return sha256(ONE, left, right);
}

export const EMPTY_ROOT = sha256(Buffer.alloc(0));

/** Streaming Merkle tree hash builder (the RFC 9162 tree is the left-full binary tree). */
export class RootBuilder {
  constructor() {
    this.stack = []; // [{hash, size}] sizes strictly decreasing powers of two
    this.size = 0;
  }

  addLeafHash(h) {
    let node = { hash: h, size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop();
      node = { hash: nodeHash(left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.size++;
  }

  root() {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i].hash, acc);
    return acc;
  }
}

/** MTH of a list of leaf hashes. */
export function merkleRoot(leafHashes) {
  const b = new RootBuilder();
  for (const h of leafHashes) b.addLeafHash(h);
  return b.root();
}

function big(n, what) {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n) || n < 0) throw new VerifyError(`${what} is not a non-negative integer: ${n}`);
  return BigInt(n);
}

/** RFC 9162 2.1.3.2: verify an inclusion proof. Returns true/false. */
export function verifyInclusion(leafIndex, treeSize, leaf, proof, root) {
  const idx = big(leafIndex, 'leaf index');
  const size = big(treeSize, 'tree size');
  if (idx >= size) return false;
  let fn = idx;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 2.1.4.2: verify a consistency proof between trees of size first <= second. Returns true/false. */
export function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  const m = big(first, 'first size');
  const n = big(second, 'second size');
  if (m > n) return false;
  if (m === n) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (m === 0n) return proof.length === 0;
  if (proof.length === 0) return false;
  let path = proof;
  if ((m & (m - 1n)) === 0n) path = [firstRoot, ...proof];
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0n;
}

// ---------------------------------------------------------------------------------------------------------------
// C2SP signed note

/** As Go's sumdb/note isValidName: non-empty, no Unicode space, no '+'. */
export function isValidKeyName(name) {
  return typeof name === 'string' && name !== '' && name.isWellFormed() && !/[\s+]/u.test(name);
}

/** keyId = first 4 bytes of SHA-256(name || "\n" || 0x01 || pub32), as a Buffer. */
export function keyIdFor(name, pub32) {
  return sha256(Buffer.from(name, 'utf8'), Buffer.from('\n'), ONE, pub32).subarray(0, 4);
}

/** The verifier key string name+hex8+base64(0x01||pub). */
export function formatVerifierKey(name, pub32) {
  return `${name}+${keyIdFor(name, pub32).toString('hex')}+${Buffer.concat([ONE, pub32]).toString('base64')}`;
}

/**
 * Strictly parses a verifier key "name+hex8+base64(0x01||pub32)". Returns
 * {name, keyId (hex8 lowercase), publicKey (Buffer 32), key (KeyObject), verifierKey}. Throws Error on bad input.
 */
export function parseVerifierKey(vkey) {
  if (typeof vkey !== 'string') throw new Error('verifier key is not a string');
  const p1 = vkey.indexOf('+');
  if (p1 < 0) throw new Error(`malformed verifier key (want name+hex8+base64): ${vkey}`);
  const name = vkey.slice(0, p1);
  const rest = vkey.slice(p1 + 1);
  const p2 = rest.indexOf('+');
  if (p2 < 0) throw new Error(`malformed verifier key (want name+hex8+base64): ${vkey}`);
  const hex = rest.slice(0, p2);
  const b64 = rest.slice(p2 + 1);
  if (!isValidKeyName(name)) throw new Error(`verifier key has an invalid name: ${JSON.stringify(name)}`);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new Error(`verifier key id is not 8 hex digits: ${hex}`);
  const raw = b64decodeStrict(b64);
  if (!raw || raw.length === 0) throw new Error(`verifier key is not valid base64: ${b64}`);
  if (raw[0] !== 0x01) throw new Error(`verifier key algorithm ${raw[0]} is not Ed25519 (1)`);
  if (raw.length !== 33) throw new Error(`verifier key: an Ed25519 public key has 32 bytes, got ${raw.length - 1}`);
  const pub = raw.subarray(1);
  const id = keyIdFor(name, pub).toString('hex');
  if (id !== hex.toLowerCase()) throw new Error(`verifier key id ${hex} does not match its name and key (want ${id})`);
  const key = crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, pub]), format: 'der', type: 'spki' });
  return { name, keyId: id, publicKey: Buffer.from(pub), key, verifierKey: vkey };
}

/** Splits a note as Go does: at the last "\n\n". Returns {text, sigLines} or throws VerifyError. */
export function splitNote(note) {
  if (typeof note !== 'string') throw new VerifyError('malformed note: not a string');
  if (!note.isWellFormed()) throw new VerifyError('malformed note: not valid UTF-8/Unicode');
  if (/[\x00-\x09\x0b-\x1f]/.test(note)) throw new VerifyError('malformed note: control characters');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new VerifyError('malformed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const sigs = note.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) throw new VerifyError('malformed note: no signature lines');
  const lines = sigs.slice(0, -1).split('\n');
  const parsed = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) throw new VerifyError(`malformed note: bad signature line ${JSON.stringify(line)}`);
    const body = line.slice(SIG_PREFIX.length);
    const sp = body.indexOf(' ');
    const name = sp < 0 ? body : body.slice(0, sp);
    const b64 = sp < 0 ? '' : body.slice(sp + 1);
    const raw = b64decodeStrict(b64);
    if (!raw || b64 === '' || !isValidKeyName(name) || raw.length < 5) {
      throw new VerifyError(`malformed note: bad signature line ${JSON.stringify(line)}`);
    }
    parsed.push({ line, name, keyId: raw.subarray(0, 4).toString('hex'), sig: raw.subarray(4) });
  }
  if (parsed.length > 100) throw new VerifyError('malformed note: too many signatures');
  return { text, sigLines: parsed };
}

/**
 * Opens a signed note against verifiers (parsed verifier keys), as Go's note.Open: a signature by a known key
 * (name+keyId) that does not verify is an error; unknown signers are collected; at least one known signature
 * must verify. Returns {text, verified: [{name, keyId, verifierKey}], unverified: [{name, keyId}]}.
 */
export function openNote(note, verifiers) {
  const { text, sigLines } = splitNote(note);
  const data = Buffer.from(text, 'utf8');
  const verified = [];
  const unverified = [];
  const seen = new Set();
  for (const s of sigLines) {
    const v = verifiers.find((k) => k.name === s.name && k.keyId === s.keyId);
    const id = `${s.name}+${s.keyId}`;
    if (!v) {
      if (!unverified.some((u) => u.name === s.name && u.keyId === s.keyId)) unverified.push({ name: s.name, keyId: s.keyId });
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    let ok = false;
    try {
      ok = s.sig.length === 64 && crypto.verify(null, data, v.key, s.sig);
    } catch {
      ok = false;
    }
    if (!ok) throw new VerifyError(`invalid signature by ${s.name}+${s.keyId} on the note`);
    verified.push({ name: s.name, keyId: s.keyId, verifierKey: v.verifierKey });
  }
  if (verified.length === 0) {
    const by = unverified.map((u) => `${u.name}+${u.keyId}`).join(', ');
    const err = new VerifyError(`the note is not signed by any trusted key (signed by: ${by || 'nobody'})`);
    err.unverified = unverified;
    throw err;
  }
  return { text, verified, unverified };
}

const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Parses a Factdesk timestamp uuuu-MM-ddTHH:mm:ss.SSSZ strictly; returns epoch ms or null. */
export function parseTimestamp(s) {
  if (typeof s !== 'string' || !TS_RE.test(s)) return null;
  const ms = Date.parse(s);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== s) return null;
  return ms;
}

/**
 * Parses checkpoint note text (C2SP tlog-checkpoint + Factdesk's timestamp extension line).
 * Returns {origin, treeSize, rootHash (b64 string), root (Buffer), timestamp, timestampMs, extensions}.
 */
export function parseCheckpointText(text) {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw new VerifyError('malformed checkpoint: text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new VerifyError('malformed checkpoint: fewer than 3 lines');
  const [origin, sizeLine, rootLine, ...ext] = lines;
  if (origin === '') throw new VerifyError('malformed checkpoint: empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new VerifyError(`malformed checkpoint: bad tree size ${JSON.stringify(sizeLine)}`);
  const treeSize = Number(sizeLine);
  if (!Number.isSafeInteger(treeSize)) throw new VerifyError(`malformed checkpoint: tree size too large ${sizeLine}`);
  const root = b64decodeStrict(rootLine);
  if (!root || root.length !== 32) throw new VerifyError(`malformed checkpoint: bad root hash ${JSON.stringify(rootLine)}`);
  if (ext.some((l) => l === '')) throw new VerifyError('malformed checkpoint: empty extension line');
  const tsLines = ext.filter((l) => l.startsWith('timestamp '));
  if (tsLines.length !== 1) throw new VerifyError(`malformed checkpoint: want exactly one "timestamp" line, got ${tsLines.length}`);
  const timestamp = tsLines[0].slice('timestamp '.length);
  const timestampMs = parseTimestamp(timestamp);
  if (timestampMs === null) throw new VerifyError(`malformed checkpoint: bad timestamp ${JSON.stringify(timestamp)}`);
  return { origin, treeSize, rootHash: rootLine, root, timestamp, timestampMs, extensions: ext };
}

/**
 * Verifies a checkpoint object {origin, treeSize, rootHash, timestamp, keyId, note} as served: the note's
 * signature by a trusted key, and that the JSON fields equal the note's. `what` names it in messages.
 */
export function verifyCheckpoint(cp, verifiers, what = 'checkpoint') {
  if (!cp || typeof cp !== 'object' || Array.isArray(cp)) throw new VerifyError(`${what}: not a JSON object`);
  if (typeof cp.note !== 'string') throw new VerifyError(`${what}: no signed note`);
  let opened;
  try {
    opened = openNote(cp.note, verifiers);
  } catch (e) {
    if (e instanceof VerifyError) {
      const err = new VerifyError(`${what}: ${e.message}`);
      err.unverified = e.unverified;
      throw err;
    }
    throw e;
  }
  const c = parseCheckpointText(opened.text);
  const diff = [];
  if (cp.origin !== c.origin) diff.push(`origin ${JSON.stringify(cp.origin)} vs note ${JSON.stringify(c.origin)}`);
  if (cp.treeSize !== c.treeSize) diff.push(`treeSize ${JSON.stringify(cp.treeSize)} vs note ${c.treeSize}`);
  if (cp.rootHash !== c.rootHash) diff.push(`rootHash ${JSON.stringify(cp.rootHash)} vs note ${c.rootHash}`);
  if (cp.timestamp !== c.timestamp) diff.push(`timestamp ${JSON.stringify(cp.timestamp)} vs note ${c.timestamp}`);
  if (cp.keyId !== undefined && cp.keyId !== null) {
    const all = splitNote(cp.note).sigLines.map((s) => s.keyId);
    if (typeof cp.keyId !== 'string' || !all.includes(cp.keyId)) diff.push(`keyId ${JSON.stringify(cp.keyId)} signed nothing in the note`);
  }
  if (diff.length > 0) throw new VerifyError(`${what}: JSON fields differ from the signed note: ${diff.join('; ')}`);
  return { ...c, note: cp.note, signedBy: opened.verified };
}

// ---------------------------------------------------------------------------------------------------------------
// canonical JSON (provenance)

/** Keys sorted by UTF-16 code units at every depth, no whitespace, JSON.stringify string/number rules. */
export function canonicalJson(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new VerifyError('canonical JSON: non-finite number');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  throw new VerifyError(`canonical JSON: unsupported value of type ${typeof v}`);
}

// ---------------------------------------------------------------------------------------------------------------
// command line

const DURATION_UNITS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s" | "30m" | "2h" | "1d" -> milliseconds, or null. */
export function parseDuration(s) {
  const m = /^([0-9]+)([smhd])$/.exec(s ?? '');
  if (!m) return null;
  const ms = Number(m[1]) * DURATION_UNITS[m[2]];
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Parses argv (without node and script). Throws UsageError. */
export function parseArgs(argv) {
  const o = { url: null, state: null, keys: [], events: [], rulings: [], audit: false, maxAgeMs: null, help: false };
  const valueOf = (i, name, inline) => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
    return [argv[i + 1], i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let name = a;
    let inline;
    if (a.startsWith('--') && a.includes('=')) {
      name = a.slice(0, a.indexOf('='));
      inline = a.slice(a.indexOf('=') + 1);
    }
    let v;
    switch (name) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '--url':
        if (o.url !== null) throw new UsageError('--url given twice');
        [v, i] = valueOf(i, name, inline);
        o.url = v;
        break;
      case '--state':
        if (o.state !== null) throw new UsageError('--state given twice');
        [v, i] = valueOf(i, name, inline);
        if (v === '') throw new UsageError('--state needs a file name');
        o.state = v;
        break;
      case '--key':
        [v, i] = valueOf(i, name, inline);
        try {
          o.keys.push(parseVerifierKey(v));
        } catch (e) {
          throw new UsageError(`--key: ${e.message}`);
        }
        break;
      case '--event':
        [v, i] = valueOf(i, name, inline);
        if (!/^(0|[1-9][0-9]*)$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--event: not a sequence number: ${v}`);
        o.events.push(Number(v));
        break;
      case '--ruling':
        [v, i] = valueOf(i, name, inline);
        if (!/^[1-9][0-9]*$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--ruling: not a ruling id: ${v}`);
        o.rulings.push(Number(v));
        break;
      case '--audit':
        if (inline !== undefined) throw new UsageError('--audit takes no value');
        o.audit = true;
        break;
      case '--max-age':
        if (o.maxAgeMs !== null) throw new UsageError('--max-age given twice');
        [v, i] = valueOf(i, name, inline);
        o.maxAgeMs = parseDuration(v);
        if (o.maxAgeMs === null) throw new UsageError(`--max-age: not a duration (e.g. 90s, 30m, 2h, 1d): ${v}`);
        break;
      default:
        throw new UsageError(`unknown argument: ${a}`);
    }
  }
  if (o.help) return o;
  if (o.url === null) throw new UsageError('--url is required');
  if (o.state === null) throw new UsageError('--state is required');
  let u;
  try {
    u = new URL(o.url);
  } catch {
    throw new UsageError(`--url: not a URL: ${o.url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--url: not http(s): ${o.url}`);
  if (u.search || u.hash) throw new UsageError(`--url: no query or fragment allowed: ${o.url}`);
  o.url = o.url.replace(/\/+$/, '');
  return o;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

async function getJson(base, pathname, params, fetchImpl) {
  const url = new URL(base + pathname);
  for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(k, String(v));
  const href = url.href;
  let res;
  try {
    res = await fetchImpl(href, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    const why = e?.cause?.code || e?.cause?.message || e?.message || String(e);
    const err = new VerifyError(`GET ${href}: ${why}`);
    err.network = true;
    throw err;
  }
  let body;
  try {
    body = await res.text();
  } catch (e) {
    throw new VerifyError(`GET ${href}: HTTP ${res.status}, reading the body failed: ${e.message}`);
  }
  if (!res.ok) {
    let problem = '';
    try {
      const p = JSON.parse(body);
      const parts = [p?.title, p?.detail].filter((x) => typeof x === 'string' && x !== '');
      if (parts.length) problem = `: ${parts.join(' - ')}`;
    } catch {
      // not problem JSON
    }
    const err = new VerifyError(`GET ${href}: HTTP ${res.status}${problem}`);
    err.status = res.status;
    throw err;
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new VerifyError(`GET ${href}: HTTP ${res.status} but the body is not JSON`);
  }
}

function hashList(arr, what) {
  if (!Array.isArray(arr)) throw new VerifyError(`${what}: "hashes" is not an array`);
  return arr.map((h, i) => b64hash(h, `${what}: hashes[${i}]`));
}

// ---------------------------------------------------------------------------------------------------------------
// state

function loadState(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw new VerifyError(`cannot read state file ${file}: ${e.message}`);
  }
  let s;
  try {
    s = JSON.parse(text);
  } catch {
    throw new VerifyError(`state file ${file} is not JSON`);
  }
  const bad = (why) => new VerifyError(`state file ${file}: ${why}`);
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw bad('not a JSON object');
  if (s.origin !== undefined && s.origin !== null && (typeof s.origin !== 'string' || s.origin === '')) throw bad('bad "origin"');
  const keys = [];
  if (s.keys !== undefined && s.keys !== null) {
    if (!Array.isArray(s.keys)) throw bad('"keys" is not an array');
    for (const k of s.keys) {
      try {
        keys.push(parseVerifierKey(k));
      } catch (e) {
        throw bad(`bad key: ${e.message}`);
      }
    }
  }
  let checkpoint = null;
  if (s.checkpoint !== undefined && s.checkpoint !== null) {
    const c = s.checkpoint;
    if (typeof c !== 'object' || Array.isArray(c)) throw bad('"checkpoint" is not an object');
    if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) throw bad('bad checkpoint.treeSize');
    const root = b64decodeStrict(c.rootHash);
    if (!root || root.length !== 32) throw bad('bad checkpoint.rootHash');
    const ms = parseTimestamp(c.timestamp);
    if (ms === null) throw bad('bad checkpoint.timestamp');
    if (typeof c.note !== 'string') throw bad('bad checkpoint.note');
    // the stored fields must be those of the stored note (no signature check: the key may have rotated since)
    let parsed;
    try {
      parsed = parseCheckpointText(splitNote(c.note).text);
    } catch (e) {
      throw bad(`stored note: ${e.message}`);
    }
    if (parsed.treeSize !== c.treeSize || parsed.rootHash !== c.rootHash || parsed.timestamp !== c.timestamp) {
      throw bad('stored checkpoint fields differ from the stored note');
    }
    if (s.origin && parsed.origin !== s.origin) throw bad('stored note origin differs from "origin"');
    checkpoint = { treeSize: c.treeSize, rootHash: c.rootHash, root, timestamp: c.timestamp, timestampMs: ms, note: c.note };
  }
  return { origin: s.origin ?? null, keys, checkpoint };
}

function writeStateAtomically(file, obj) {
  const tmp = `${file}.tmp`;
  const data = `${JSON.stringify(obj, null, 2)}\n`;
  try {
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new VerifyError(`cannot write state file ${file}: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the checks

const API = '/api/public/transparency';

async function consistencyCheck(ctx, m, mRoot, n, nRoot, what) {
  if (m === n) {
    if (!mRoot.equals(nRoot)) throw new VerifyError(`${what}: same tree size ${n} but a different root`);
    return;
  }
  if (m === 0) return; // everything is consistent with the empty tree
  const r = await getJson(ctx.url, `${API}/proof/consistency`, { from: m, to: n }, ctx.fetch);
  if (!r || r.from !== m || r.to !== n) throw new VerifyError(`${what}: consistency proof answered for from=${r?.from} to=${r?.to}, asked ${m}..${n}`);
  const proof = hashList(r.hashes, `${what}: consistency proof`);
  if (!verifyConsistency(m, n, mRoot, nRoot, proof)) {
    throw new VerifyError(`${what}: tree ${n} is NOT consistent with tree ${m} (history rewritten or forked)`);
  }
}

async function fetchLeaves(ctx, start, end) {
  const r = await getJson(ctx.url, `${API}/leaves`, { start, end }, ctx.fetch);
  const what = `leaves ${start}..${end}`;
  if (!r || !Array.isArray(r.items)) throw new VerifyError(`${what}: no "items" array`);
  if (r.items.length !== end - start) throw new VerifyError(`${what}: got ${r.items.length} items, want ${end - start}`);
  r.items.forEach((it, j) => {
    if (!it || it.index !== start + j) throw new VerifyError(`${what}: item ${j} has index ${it?.index}, want ${start + j}`);
    if (!Number.isSafeInteger(it.seq)) throw new VerifyError(`${what}: leaf ${it.index} has no seq`);
    if (it.eventHash != null && !isHex64(it.eventHash)) throw new VerifyError(`${what}: leaf ${it.index} has a malformed eventHash`);
  });
  return r.items;
}

async function inclusionProof(ctx, seq, n, what) {
  const r = await getJson(ctx.url, `${API}/proof/inclusion`, { seq, treeSize: n }, ctx.fetch);
  if (!r || r.treeSize !== n) throw new VerifyError(`${what}: inclusion proof is for treeSize ${r?.treeSize}, asked ${n}`);
  if (!Number.isSafeInteger(r.leafIndex) || r.leafIndex < 0 || r.leafIndex >= n) throw new VerifyError(`${what}: bad leafIndex ${r?.leafIndex}`);
  return { leafIndex: r.leafIndex, leafHash: b64hash(r.leafHash, `${what}: leafHash`), hashes: hashList(r.hashes, `${what}: inclusion proof`) };
}

async function checkEvent(ctx, seq) {
  const what = `event seq=${seq}`;
  const { n, root } = ctx;
  if (n === 0) throw new VerifyError(`${what}: the verified tree is empty`);
  const p = await inclusionProof(ctx, seq, n, what);
  // the leaf at that index must be the event with this seq, and its hash the proof's leaf hash
  const [leaf] = await fetchLeaves(ctx, p.leafIndex, p.leafIndex + 1);
  if (leaf.seq !== seq) throw new VerifyError(`${what}: leaf ${p.leafIndex} holds seq ${leaf.seq}, not ${seq}`);
  if (leaf.eventHash == null) throw new VerifyError(`${what}: leaf ${p.leafIndex} (seq ${seq}) is missing (eventHash null)`);
  if (!eventLeafHash(leaf.eventHash).equals(p.leafHash)) throw new VerifyError(`${what}: the proof's leafHash is not the hash of the event at leaf ${p.leafIndex}`);
  if (!verifyInclusion(p.leafIndex, n, p.leafHash, p.hashes, root)) {
    throw new VerifyError(`${what}: inclusion proof for leaf ${p.leafIndex} does NOT verify against the root of tree ${n}`);
  }
  ctx.lines.push(`OK event seq=${seq} leafIndex=${p.leafIndex} treeSize=${n}`);
}

async function checkRuling(ctx, id) {
  const what = `ruling ${id}`;
  const r = await getJson(ctx.url, `/api/public/claim-reviews/${id}/provenance`, null, ctx.fetch);
  if (!r || typeof r !== 'object') throw new VerifyError(`${what}: provenance is not a JSON object`);
  if (String(r.rulingId) !== String(id)) throw new VerifyError(`${what}: provenance is for ruling ${r.rulingId}`);
  if (r.algorithm !== 'SHA-256') throw new VerifyError(`${what}: unsupported algorithm ${JSON.stringify(r.algorithm)}`);
  if (r.format !== 'factdesk-provenance/1') throw new VerifyError(`${what}: unsupported format ${JSON.stringify(r.format)}`);
  if (!isHex64(r.provenanceHash)) throw new VerifyError(`${what}: provenanceHash is not 64 lowercase hex`);
  if (r.document === undefined) throw new VerifyError(`${what}: no document`);
  // 1. the document's hash
  const docHash = sha256hex(canonicalJson(r.document));
  if (docHash !== r.provenanceHash) throw new VerifyError(`${what}: the document hashes to ${docHash}, not provenanceHash ${r.provenanceHash} (document tampered)`);
  // 2. the approval event's hash
  const t = r.transparency;
  if (!t || typeof t !== 'object') throw new VerifyError(`${what}: no "transparency" block`);
  const ev = t.approvalEvent;
  if (!ev || typeof ev !== 'object') throw new VerifyError(`${what}: no approval event`);
  if (!isHex64(ev.hash)) throw new VerifyError(`${what}: approval event hash is not 64 lowercase hex`);
  if (!Number.isSafeInteger(t.approvalSeq)) throw new VerifyError(`${what}: no approvalSeq`);
  // 3. what the events say. The approval names staff, so Factdesk publishes only its hash; the publication event
  // right after it on the claim's chain (prevHash = the approval's hash) is public in full and carries the
  // provenance hash: it is the leaf that ties this document to the log.
  const checkEvent = (e, type, seq, label) => {
    if (!isHex64(e.prevHash)) throw new VerifyError(`${what}: ${label} prevHash is not 64 lowercase hex`);
    const h = sha256hex(e.prevHash + e.canonical);
    if (h !== e.hash) throw new VerifyError(`${what}: the ${label} hashes to ${h}, not ${e.hash} (event tampered)`);
    let doc;
    try {
      doc = JSON.parse(e.canonical);
    } catch {
      throw new VerifyError(`${what}: the ${label}'s canonical text is not JSON`);
    }
    if (doc?.type !== type) throw new VerifyError(`${what}: ${label} has type ${JSON.stringify(doc?.type)}`);
    if (doc.seq !== seq) throw new VerifyError(`${what}: ${label} has seq ${doc.seq}, not ${seq}`);
    if (String(doc.data?.rulingId) !== String(id)) throw new VerifyError(`${what}: ${label} is for ruling ${doc.data?.rulingId}`);
    if (doc.data?.provenanceHash !== r.provenanceHash) throw new VerifyError(`${what}: ${label} records provenanceHash ${doc.data?.provenanceHash}, not ${r.provenanceHash} (document rewritten)`);
  };
  let proven = ev;
  let seq = t.approvalSeq;
  const pub = t.publicationEvent;
  if (pub != null) {
    if (typeof pub !== 'object' || typeof pub.canonical !== 'string' || !isHex64(pub.hash)) throw new VerifyError(`${what}: malformed publication event`);
    if (!Number.isSafeInteger(t.publicationSeq)) throw new VerifyError(`${what}: no publicationSeq`);
    checkEvent(pub, 'RULING_PUBLISHED', t.publicationSeq, 'publication event');
    if (pub.prevHash !== ev.hash) throw new VerifyError(`${what}: the publication event does not follow the approval event on the claim's chain`);
    proven = pub;
    seq = t.publicationSeq;
  } else if (typeof ev.canonical === 'string') {
    // a service (or an auditor's copy) that gives the approval event whole
    checkEvent(ev, 'RULING_APPROVED', t.approvalSeq, 'approval event');
  } else {
    ctx.warn(`${what}: no publication event (published before they existed): only the approval event's inclusion is checked, not that it approved this document`);
  }
  if (t.provenSeq != null && t.provenSeq !== seq) throw new VerifyError(`${what}: provenSeq ${t.provenSeq} is not the seq of the event it should prove (${seq})`);
  const leaf = eventLeafHash(proven.hash);
  const label = proven === ev ? 'approval event' : 'publication event';
  if (t.leafIndex !== null && t.leafIndex !== undefined && (!Number.isSafeInteger(t.leafIndex) || t.leafIndex < 0)) {
    throw new VerifyError(`${what}: bad leafIndex ${t.leafIndex}`);
  }
  const knownIndex = Number.isSafeInteger(t.leafIndex) ? t.leafIndex : null;
  // 4. online: inclusion in the verified tree
  let online = null;
  const mayBePending = knownIndex === null || knownIndex >= ctx.n;
  if (ctx.n === 0 && mayBePending) {
    online = 'pending';
  } else {
    try {
      online = await inclusionProof(ctx, seq, ctx.n, what);
    } catch (err) {
      if (mayBePending && (err.status === 400 || err.status === 404)) online = 'pending';
      else throw err;
    }
  }
  if (online === 'pending') {
    ctx.warn(`${what}: ${label} seq=${seq} is not yet in the verified tree (treeSize=${ctx.n}); inclusion not checked yet`);
  } else {
    if (knownIndex !== null && online.leafIndex !== knownIndex) throw new VerifyError(`${what}: inclusion proof has leafIndex ${online.leafIndex}, provenance says ${knownIndex}`);
    if (!online.leafHash.equals(leaf)) throw new VerifyError(`${what}: the inclusion proof's leafHash is not the ${label}'s leaf hash`);
    if (!verifyInclusion(online.leafIndex, ctx.n, leaf, online.hashes, ctx.root)) {
      throw new VerifyError(`${what}: ${label}'s inclusion proof does NOT verify against the root of tree ${ctx.n}`);
    }
  }
  // 5. offline part: the embedded proof and checkpoint
  const incl = t.inclusion ?? null;
  const ecp = t.checkpoint ?? null;
  let offline = 'none';
  if (incl === null && ecp === null) {
    ctx.warn(`${what}: no embedded checkpoint yet (not yet checkpointed); the offline proof cannot be checked`);
  } else if (incl === null || ecp === null) {
    throw new VerifyError(`${what}: provenance embeds ${incl ? 'an inclusion proof but no checkpoint' : 'a checkpoint but no inclusion proof'}`);
  } else {
    const c = verifyCheckpoint(ecp, ctx.verifiers, `${what}: embedded checkpoint`);
    if (c.origin !== ctx.origin) throw new VerifyError(`${what}: embedded checkpoint has origin ${JSON.stringify(c.origin)}, want ${JSON.stringify(ctx.origin)}`);
    if (incl.treeSize !== c.treeSize) throw new VerifyError(`${what}: embedded proof is for treeSize ${incl.treeSize}, its checkpoint has ${c.treeSize}`);
    if (!Number.isSafeInteger(incl.leafIndex)) throw new VerifyError(`${what}: embedded proof has no leafIndex`);
    if (knownIndex !== null && incl.leafIndex !== knownIndex) throw new VerifyError(`${what}: embedded proof has leafIndex ${incl.leafIndex}, provenance says ${knownIndex}`);
    if (!b64hash(incl.leafHash, `${what}: embedded leafHash`).equals(leaf)) throw new VerifyError(`${what}: the embedded proof's leafHash is not the ${label}'s leaf hash`);
    const hashes = hashList(incl.hashes, `${what}: embedded inclusion proof`);
    if (!verifyInclusion(incl.leafIndex, c.treeSize, leaf, hashes, c.root)) {
      throw new VerifyError(`${what}: embedded inclusion proof does NOT verify against the embedded checkpoint's root`);
    }
    // the embedded checkpoint must lie on the verified log's history
    if (c.treeSize <= ctx.n) {
      await consistencyCheck(ctx, c.treeSize, c.root, ctx.n, ctx.root, `${what}: embedded checkpoint vs verified checkpoint`);
    } else {
      ctx.warn(`${what}: embedded checkpoint (treeSize=${c.treeSize}) is newer than the verified one (${ctx.n}); its consistency was not checked`);
    }
    offline = `embeddedTreeSize=${c.treeSize}`;
  }
  const where = online === 'pending' ? `PENDING (not yet in treeSize=${ctx.n})` : `leafIndex=${online.leafIndex} treeSize=${ctx.n}`;
  ctx.lines.push(`OK ruling ${id} provenanceHash=${r.provenanceHash} ${proven === ev ? 'approvalSeq' : 'publicationSeq'}=${seq} ${where}${offline === 'none' ? '' : ` ${offline}`}`);
}

async function checkAudit(ctx) {
  const { n } = ctx;
  const b = new RootBuilder();
  const missing = [];
  // leaves follow the feed (commit order), and a transaction may commit after a younger one that took a later seq:
  // seqs are unique in the log, not increasing
  const seen = new Map();
  for (let start = 0; start < n; start += LEAVES_PAGE) {
    const end = Math.min(start + LEAVES_PAGE, n);
    for (const it of await fetchLeaves(ctx, start, end)) {
      if (seen.has(it.seq)) throw new VerifyError(`audit: leaves ${seen.get(it.seq)} and ${it.index} both hold seq ${it.seq}`);
      seen.set(it.seq, it.index);
      if (it.eventHash == null) {
        missing.push(it);
        continue;
      }
      if (missing.length === 0) b.addLeafHash(eventLeafHash(it.eventHash));
    }
  }
  if (missing.length > 0) {
    const list = missing.slice(0, 20).map((it) => `index ${it.index} (seq ${it.seq})`).join(', ');
    throw new VerifyError(`audit: ${missing.length} event(s) missing (eventHash null): ${list}${missing.length > 20 ? ', ...' : ''}`);
  }
  if (!b.root().equals(ctx.root)) throw new VerifyError(`audit: the root recomputed from all ${n} leaves is ${b.root().toString('base64')}, not the checkpoint root ${ctx.rootHash}`);
  ctx.lines.push(`OK audit leaves=${n} root recomputed`);
}

/** Runs the verifier. Returns the exit code; writes to io.stdout/io.stderr (functions taking a line). */
export async function run(argv, io = {}) {
  const out = io.stdout ?? ((s) => process.stdout.write(`${s}\n`));
  const err = io.stderr ?? ((s) => process.stderr.write(`${s}\n`));
  const fetchImpl = io.fetch ?? globalThis.fetch;
  const now = io.now ?? (() => Date.now());
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`verify-log: ${e.message}`);
      err(USAGE);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    out(USAGE);
    return 0;
  }
  try {
    const lines = await verify(opts, { fetch: fetchImpl, now, warn: (s) => err(`WARNING: ${s}`) });
    for (const l of lines) out(l);
    return 0;
  } catch (e) {
    if (e instanceof VerifyError) err(`FAIL: ${e.message}`);
    else err(`FAIL: internal error: ${e?.stack ?? e}`);
    return 1;
  }
}

async function verify(opts, env) {
  const state = loadState(opts.state);
  // the trusted keys
  const verifiers = [];
  const addKey = (k) => {
    if (!verifiers.some((v) => v.verifierKey === k.verifierKey)) verifiers.push(k);
  };
  for (const k of state?.keys ?? []) addKey(k);
  for (const k of opts.keys) addKey(k);
  if (verifiers.length === 0) {
    const kr = await getJson(opts.url, `${API}/key`, null, env.fetch);
    let k;
    try {
      k = parseVerifierKey(kr?.verifierKey);
    } catch (e) {
      throw new VerifyError(`GET ${API}/key: ${e.message}`);
    }
    if (kr.name !== undefined && kr.name !== k.name) throw new VerifyError(`GET ${API}/key: name ${kr.name} differs from the verifier key's ${k.name}`);
    if (kr.keyId !== undefined && kr.keyId !== k.keyId) throw new VerifyError(`GET ${API}/key: keyId ${kr.keyId} differs from the verifier key's ${k.keyId}`);
    if (kr.publicKey !== undefined && kr.publicKey !== k.publicKey.toString('base64')) throw new VerifyError(`GET ${API}/key: publicKey differs from the verifier key's`);
    addKey(k);
    env.warn(`no trusted key given: trusting the service's key on first use: ${k.verifierKey}`);
    env.warn(`pin it: compare it out of band and pass --key '${k.verifierKey}' (it is saved in the state file)`);
  }
  // the latest checkpoint
  let raw;
  try {
    raw = await getJson(opts.url, `${API}/checkpoint`, null, env.fetch);
  } catch (e) {
    if (e.status === 404) throw new VerifyError(`${e.message} (no checkpoint exists yet)`);
    throw e;
  }
  let cp;
  try {
    cp = verifyCheckpoint(raw, verifiers, 'checkpoint');
  } catch (e) {
    if (e.unverified?.length) {
      let hint = '';
      try {
        const ks = await getJson(opts.url, `${API}/keys`, null, env.fetch);
        const listed = (ks?.items ?? []).filter((it) => e.unverified.some((u) => u.name === it?.name && u.keyId === it?.keyId));
        if (listed.length) hint = `; the service lists ${listed.map((it) => `${it.verifierKey} (first used ${it.firstUsedAt})`).join(', ')}`;
      } catch {
        // the hint is optional
      }
      throw new VerifyError(`${e.message}${hint}. If the key was rotated legitimately, verify the new key out of band and add it with --key`);
    }
    throw e;
  }
  const origin = cp.origin;
  if (state?.origin && state.origin !== origin) throw new VerifyError(`checkpoint origin ${JSON.stringify(origin)} is not the trusted origin ${JSON.stringify(state.origin)}`);
  const ctx = { url: opts.url, fetch: env.fetch, warn: env.warn, verifiers, origin, n: cp.treeSize, root: cp.root, rootHash: cp.rootHash, lines: [] };
  // against the last verified checkpoint
  const old = state?.checkpoint;
  if (old) {
    if (cp.treeSize < old.treeSize) throw new VerifyError(`log shrank: treeSize ${cp.treeSize} < previously verified ${old.treeSize}`);
    if (cp.treeSize === old.treeSize && !cp.root.equals(old.root)) {
      throw new VerifyError(`same treeSize ${cp.treeSize} but a different root (${cp.rootHash}, previously ${old.rootHash}): the log was rewritten or forked`);
    }
    await consistencyCheck(ctx, old.treeSize, old.root, cp.treeSize, cp.root, 'checkpoint');
    if (cp.timestampMs < old.timestampMs) throw new VerifyError(`checkpoint timestamp went back: ${cp.timestamp} < previously verified ${old.timestamp}`);
  }
  const nowMs = env.now();
  if (opts.maxAgeMs !== null && nowMs - cp.timestampMs > opts.maxAgeMs) {
    throw new VerifyError(`checkpoint is too old: ${cp.timestamp} is more than --max-age ${Math.round(opts.maxAgeMs / 1000)}s ago`);
  }
  if (cp.timestampMs - nowMs > 5 * 60_000) env.warn(`checkpoint timestamp ${cp.timestamp} is in the future (check clocks)`);
  for (const seq of opts.events) await checkEvent(ctx, seq);
  for (const id of opts.rulings) await checkRuling(ctx, id);
  if (opts.audit) await checkAudit(ctx);
  // success: save
  writeStateAtomically(opts.state, {
    origin,
    keys: verifiers.map((v) => v.verifierKey),
    checkpoint: { treeSize: cp.treeSize, rootHash: cp.rootHash, timestamp: cp.timestamp, note: cp.note },
  });
  return [`OK ${origin} treeSize=${cp.treeSize} root=${cp.rootHash}`, ...ctx.lines];
}

function isMain() {
  try {
    if (process.argv[1] === undefined) return false;
    if (import.meta.url === pathToFileURL(process.argv[1]).href) return true;
    // started through a symlink: Node resolves the module's URL, not argv[1]
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`FAIL: internal error: ${e?.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
