// Plays a Meshtastic radio's client API (TCP, the device's 0x94 0xC3 framing) for the
// coordinator started with --meshtastic, with every message built and encoded by
// @meshtastic/protobufs (the project's published definitions, not ours): waits for the
// coordinator to connect and ask for the node database, sends it with one node's last position,
// then a live position packet and a text message, checks the REST picture and inbox, and reads the
// command post's broadcast as the radio would. Usage:
//   node meshtastic-check.mjs <listen port> <http base url> <token>
import net from 'node:net';
import assert from 'node:assert';
import { create, toBinary, fromBinary } from '@bufbuild/protobuf';
import { Mesh, Portnums } from '@meshtastic/protobufs';

const [listenPort, httpBase, token] = process.argv.slice(2);
if (!listenPort || !httpBase || !token) {
  console.error('usage: node meshtastic-check.mjs <listen port> <http base url> <token>');
  process.exit(2);
}

function frame(message) {
  const body = toBinary(Mesh.FromRadioSchema, message);
  return Buffer.concat([Buffer.from([0x94, 0xc3, body.length >> 8, body.length & 0xff]), Buffer.from(body)]);
}

async function node(id) {
  const r = await fetch(`${httpBase}/api/v1/nodes/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
  return r.status === 200 ? r.json() : null;
}

async function waitFor(id, test = () => true) {
  let n = null;
  for (let i = 0; i < 40; i++) {
    n = await node(id);
    if (n && test(n)) return n;
    await new Promise(res => setTimeout(res, 250));
  }
  throw new Error(`${id} not as expected in /api/v1/nodes: ${JSON.stringify(n)}`);
}

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); } catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}

// the coordinator dials us (it retries with back-off, so it may take a few seconds)
const server = net.createServer();
const connected = new Promise(res => server.once('connection', res));
await new Promise(res => server.listen(Number(listenPort), '127.0.0.1', res));
const socket = await Promise.race([connected,
  new Promise((_, rej) => setTimeout(() => rej(new Error('coordinator never connected to the radio')), 20_000))]);
let received = Buffer.alloc(0);
socket.on('data', d => { received = Buffer.concat([received, d]); });

const now = Math.floor(Date.now() / 1000);
const medic = 0x5ca1ab1e;
const boat = 0x00b0a700;

await check('the coordinator asks for the node database (ToRadio want_config_id)', async () => {
  for (let i = 0; i < 50 && received.length < 4; i++) await new Promise(res => setTimeout(res, 100));
  assert.equal(received[0], 0x94);
  assert.equal(received[1], 0xc3);
  const len = received.readUInt16BE(2);
  const want = fromBinary(Mesh.ToRadioSchema, received.subarray(4, 4 + len));
  assert.equal(want.payloadVariant.case, 'wantConfigId');
  socket.wantConfigId = want.payloadVariant.value;
});

await check('a node in the radio\'s database becomes an asset with its name', async () => {
  socket.write(frame(create(Mesh.FromRadioSchema, { payloadVariant: { case: 'myInfo', value: { myNodeNum: 0x11 } } })));
  socket.write(frame(create(Mesh.FromRadioSchema, {
    payloadVariant: {
      case: 'nodeInfo', value: {
        num: medic, lastHeard: now - 30,
        user: { id: '!5ca1ab1e', longName: 'Medic Bravo', shortName: 'MB' },
        position: { latitudeI: 112431000, longitudeI: 1249987000, altitude: 12 },
      },
    },
  })));
  socket.write(frame(create(Mesh.FromRadioSchema, { payloadVariant: { case: 'configCompleteId', value: socket.wantConfigId ?? 1 } })));
  const n = await waitFor(`meshtastic:${medic.toString(16).padStart(8, '0')}`);
  assert.equal(n.kind, 'asset');
  assert.equal(n.name, 'Medic Bravo (MB)');
  assert.ok(Math.abs(n.lat - 11.2431) < 1e-9 && Math.abs(n.lon - 124.9987) < 1e-9, `position ${n.lat},${n.lon}`);
});

await check('a position packet heard on the mesh becomes an asset position', async () => {
  const position = create(Mesh.PositionSchema, { latitudeI: 112600000, longitudeI: 1250150000, altitude: 3, groundSpeed: 36, groundTrack: 18000000 });
  const packet = create(Mesh.MeshPacketSchema, {
    from: boat, to: 0xffffffff, rxTime: now, rxSnr: 7.25, rxRssi: -92,
    payloadVariant: { case: 'decoded', value: { portnum: Portnums.PortNum.POSITION_APP, payload: toBinary(Mesh.PositionSchema, position) } },
  });
  socket.write(frame(create(Mesh.FromRadioSchema, { payloadVariant: { case: 'packet', value: packet } })));
  const n = await waitFor('meshtastic:00b0a700', x => x.lat !== null);
  assert.ok(Math.abs(n.lat - 11.26) < 1e-9 && Math.abs(n.lon - 125.015) < 1e-9, `position ${n.lat},${n.lon}`);
});

await check('a text message heard on the mesh lands in the command post\'s inbox', async () => {
  const packet = create(Mesh.MeshPacketSchema, {
    from: medic, to: 0xffffffff, id: 0x1d2c3b4a, rxTime: now,
    payloadVariant: { case: 'decoded', value: { portnum: Portnums.PortNum.TEXT_MESSAGE_APP, payload: new TextEncoder().encode('SOS two injured at the bridge') } },
  });
  socket.write(frame(create(Mesh.FromRadioSchema, { payloadVariant: { case: 'packet', value: packet } })));
  let found = null;
  for (let i = 0; i < 40 && !found; i++) {
    const r = await fetch(`${httpBase}/api/v1/messages?direction=in`, { headers: { authorization: `Bearer ${token}` } });
    found = (await r.json()).find(m => m.id === 'meshtastic-5ca1ab1e-1d2c3b4a');
    if (!found) await new Promise(res => setTimeout(res, 250));
  }
  assert.ok(found, 'message never listed in /api/v1/messages?direction=in');
  assert.equal(found.text, 'Medic Bravo (MB): SOS two injured at the bridge');
  assert.ok(JSON.stringify(found).includes('sos'), JSON.stringify(found));
});

await check('the command post\'s broadcast goes out on the radio (ToRadio text packet)', async () => {
  const before = received.length;
  const r = await fetch(`${httpBase}/api/v1/messages`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'broadcast', text: 'All teams: report at 18:00', priority: 'urgent' }),
  });
  assert.equal(r.status, 202, await r.text());
  let text = null;
  for (let i = 0; i < 40 && text === null; i++) {
    let at = before;
    while (at + 4 <= received.length && text === null) {
      assert.equal(received[at], 0x94, `frame marker at ${at}`);
      const len = received.readUInt16BE(at + 2);
      if (at + 4 + len > received.length) break;
      const m = fromBinary(Mesh.ToRadioSchema, received.subarray(at + 4, at + 4 + len));
      if (m.payloadVariant.case === 'packet' && m.payloadVariant.value.payloadVariant.case === 'decoded') {
        const data = m.payloadVariant.value.payloadVariant.value;
        assert.equal(data.portnum, Portnums.PortNum.TEXT_MESSAGE_APP);
        assert.equal(m.payloadVariant.value.to, 0xffffffff);
        text = new TextDecoder().decode(data.payload);
      }
      at += 4 + len;
    }
    if (text === null) await new Promise(res => setTimeout(res, 250));
  }
  assert.equal(text, 'All teams: report at 18:00');
});

socket.destroy();
server.close();
console.log(`meshtastic interop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
