// Calls rescuemesh.v1.PositionIngest with @grpc/grpc-js loading our .proto files, then checks
// the REST picture. Usage: node ingest-check.js <grpc host:port> <http base url> <token>
'use strict';
const path = require('path');
const assert = require('assert');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const [target, httpBase, token] = process.argv.slice(2);
if (!target || !httpBase || !token) {
  console.error('usage: node ingest-check.js <grpc host:port> <http base url> <token>');
  process.exit(2);
}
const protoRoot = path.resolve(__dirname, '../../proto/src/main/proto');
const def = loader.loadSync('rescuemesh/v1/ingest.proto', { includeDirs: [protoRoot], keepCase: true, longs: Number });
const v1 = grpc.loadPackageDefinition(def).rescuemesh.v1;
const client = new v1.PositionIngest(target, grpc.credentials.createInsecure());

function call(batch, tok) {
  const md = new grpc.Metadata();
  if (tok) md.set('authorization', 'Bearer ' + tok);
  return new Promise((resolve, reject) => client.PublishBatch(batch, md, (err, ack) => err ? reject(err) : resolve(ack)));
}

const now = { seconds: Math.floor(Date.now() / 1000), nanos: 0 };
const ok = (id, lat, lon) => ({ asset_id: id, source: 'interop', lat, lon, alt_m: 120, accuracy_m: 5,
  speed_mps: 3, heading_deg: 90, observed_at: now, label: id, kind: 'vehicle' });

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log('ok   ' + name); }
  catch (e) { failed++; console.log('FAIL ' + name + ': ' + e.message); }
}

(async () => {
  await check('valid positions accepted, invalid ones rejected with index/field/reason', async () => {
    const ack = await call({ positions: [ok('js-truck-1', 11.15, 124.9), ok('js-bad-lat', 95, 124.9),
      ok('js-bad-nan', NaN, 124.9), ok('js-truck-2', 11.16, 124.91)] }, token);
    assert.strictEqual(Number(ack.accepted), 2);
    assert.strictEqual(Number(ack.rejected), 2);
    const byIndex = Object.fromEntries(ack.rejections.map(r => [r.index, r]));
    assert.strictEqual(byIndex[1].field, 'lat');
    assert.strictEqual(byIndex[2].field, 'lat');
    assert.ok(byIndex[1].reason.length > 0 && byIndex[2].reason.length > 0);
  });
  await check('wrong token gets UNAUTHENTICATED', async () => {
    await assert.rejects(call({ positions: [ok('js-x', 11, 124)] }, 'wrong-' + token),
      e => e.code === grpc.status.UNAUTHENTICATED);
  });
  await check('missing token gets UNAUTHENTICATED', async () => {
    await assert.rejects(call({ positions: [ok('js-x', 11, 124)] }, null), e => e.code === grpc.status.UNAUTHENTICATED);
  });
  await check('accepted positions appear in /api/v1/nodes as kind asset', async () => {
    const r = await fetch(httpBase + '/api/v1/nodes', { headers: { Authorization: 'Bearer ' + token } });
    assert.strictEqual(r.status, 200);
    const nodes = await r.json();
    for (const id of ['js-truck-1', 'js-truck-2']) {
      const n = nodes.find(x => x.id === id);
      assert.ok(n, id + ' missing');
      assert.strictEqual(n.kind, 'asset');
    }
    assert.ok(!nodes.find(x => x.id === 'js-bad-lat'), 'rejected position was stored');
  });
  await check('unauthenticated REST call gets 401 with a JSON error', async () => {
    const r = await fetch(httpBase + '/api/v1/nodes');
    assert.strictEqual(r.status, 401);
    const body = await r.json();
    assert.ok(body.error && body.message);
  });
  client.close();
  console.log(`interop: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
