// Web worker of portal/challenge.js: solves an ALTCHA challenge of algorithm "SHA-256" (issued
// by gongkai/agencies/challenge.py). The key of a counter is SHA-256 applied `cost` times,
// first to salt + nonce + counter (big-endian uint32), then to the previous key; the solution
// is the first counter whose key starts with the signed prefix. Plain JavaScript, no WebCrypto,
// so it works on a plain-HTTP intranet too.
"use strict";

var K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
var INIT = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
var W = new Uint32Array(64);
var block = new Uint8Array(64);

function ror(x, n) {
  return (x >>> n) | (x << (32 - n));
}

// SHA-256 of a message shorter than 56 bytes (one block), into `out` (32 bytes).
function sha256(msg, length, out) {
  var i, s0, s1, t1, t2;
  block.fill(0);
  block.set(msg.subarray(0, length));
  block[length] = 0x80;
  block[62] = (length * 8) >>> 8;
  block[63] = (length * 8) & 0xff;
  for (i = 0; i < 16; i++) {
    W[i] = (block[4 * i] << 24) | (block[4 * i + 1] << 16) | (block[4 * i + 2] << 8) | block[4 * i + 3];
  }
  for (i = 16; i < 64; i++) {
    s0 = ror(W[i - 15], 7) ^ ror(W[i - 15], 18) ^ (W[i - 15] >>> 3);
    s1 = ror(W[i - 2], 17) ^ ror(W[i - 2], 19) ^ (W[i - 2] >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  var a = INIT[0], b = INIT[1], c = INIT[2], d = INIT[3];
  var e = INIT[4], f = INIT[5], g = INIT[6], h = INIT[7];
  for (i = 0; i < 64; i++) {
    t1 = (h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  var words = [a, b, c, d, e, f, g, h];
  for (i = 0; i < 8; i++) {
    var v = (words[i] + INIT[i]) | 0;
    out[4 * i] = v >>> 24;
    out[4 * i + 1] = (v >>> 16) & 0xff;
    out[4 * i + 2] = (v >>> 8) & 0xff;
    out[4 * i + 3] = v & 0xff;
  }
}

function fromHex(hex) {
  var bytes = new Uint8Array(hex.length / 2);
  for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  return bytes;
}

function toHex(bytes) {
  var hex = "";
  for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return hex;
}

function solve(parameters) {
  var salt = fromHex(parameters.salt);
  var nonce = fromHex(parameters.nonce);
  var prefix = fromHex(parameters.keyPrefix);
  var cost = Math.max(1, parameters.cost | 0);
  var most = (parameters.data && parameters.data.max) || 0xffffffff;
  var first = new Uint8Array(salt.length + nonce.length + 4);
  first.set(salt);
  first.set(nonce, salt.length);
  var at = salt.length + nonce.length;
  var key = new Uint8Array(32);
  for (var counter = 0; counter <= most; counter++) {
    first[at] = counter >>> 24;
    first[at + 1] = (counter >>> 16) & 0xff;
    first[at + 2] = (counter >>> 8) & 0xff;
    first[at + 3] = counter & 0xff;
    sha256(first, first.length, key);
    for (var round = 1; round < cost; round++) sha256(key, 32, key);
    var found = true;
    for (var i = 0; i < prefix.length; i++) {
      if (key[i] !== prefix[i]) {
        found = false;
        break;
      }
    }
    if (found) {
      return { counter: counter, derivedKey: toHex(key.subarray(0, parameters.keyLength || 32)) };
    }
  }
  return null;
}

self.onmessage = function (event) {
  var solution = null;
  try {
    solution = solve(event.data.parameters);
  } catch (error) {
    solution = null;
  }
  self.postMessage(solution);
};
