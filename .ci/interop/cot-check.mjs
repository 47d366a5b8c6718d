// Sends Cursor-on-Target to the coordinator's TAK stream input as a TAK client would, with the
// messages built and encoded by @tak-ps/node-cot (not ours): XML first, then TAK protocol 1
// after the negotiation. Checks the REST picture. Usage:
//   node cot-check.mjs <tak host:port> <http base url> <token>
import net from 'node:net';
import assert from 'node:assert';
import { CoTParser, DirectChat } from '@tak-ps/node-cot';

const [target, httpBase, token] = process.argv.slice(2);
if (!target || !httpBase || !token) {
  console.error('usage: node cot-check.mjs <tak host:port> <http base url> <token>');
  process.exit(2);
}
const [host, port] = target.split(':');

function event(uid, type, callsign, lat, lon) {
  const now = new Date();
  const stale = new Date(now.getTime() + 60_000);
  return CoTParser.from_xml(`<event version="2.0" uid="${uid}" type="${type}" how="m-g" time="${now.toISOString()}"
      start="${now.toISOString()}" stale="${stale.toISOString()}">
    <point lat="${lat}" lon="${lon}" hae="42.5" ce="6.0" le="9999999.0"/>
    <detail><contact callsign="${callsign}"/><__group name="Cyan" role="Team Member"/>
      <status battery="77"/><track speed="1.2" course="45.0"/></detail></event>`);
}

function frame(bytes) {
  const len = [];
  let n = bytes.length;
  while (n > 0x7f) { len.push((n & 0x7f) | 0x80); n >>>= 7; }
  len.push(n);
  return Buffer.concat([Buffer.from([0xbf, ...len]), Buffer.from(bytes)]);
}

async function node(id) {
  const r = await fetch(`${httpBase}/api/v1/nodes/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
  return r.status === 200 ? r.json() : null;
}

async function waitFor(id) {
  for (let i = 0; i < 40; i++) {
    const n = await node(id);
    if (n) return n;
    await new Promise(res => setTimeout(res, 250));
  }
  throw new Error(`${id} never appeared in /api/v1/nodes`);
}

let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); } catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}

const socket = net.connect(Number(port), host);
let received = '';
socket.on('data', d => { received += d.toString('latin1'); });
await new Promise((res, rej) => { socket.once('connect', res); socket.once('error', rej); });
const until = async (text) => {
  for (let i = 0; i < 40 && !received.includes(text); i++) await new Promise(res => setTimeout(res, 100));
  assert.ok(received.includes(text), `never received ${text}; got ${received.slice(0, 200)}`);
};

await check('TAK protocol 1 offered on connect (t-x-takp-v)', () => until('t-x-takp-v'));

await check('CoT XML event (node-cot) becomes an asset', async () => {
  socket.write(CoTParser.to_xml(event('ANDROID-interop-1', 'a-f-G-U-C', 'Medic 1', 11.171, 124.901)));
  const n = await waitFor('ANDROID-interop-1');
  assert.equal(n.kind, 'asset');
  assert.equal(n.name, 'Medic 1');
  assert.ok(Math.abs(n.lat - 11.171) < 1e-9 && Math.abs(n.lon - 124.901) < 1e-9, `position ${n.lat},${n.lon}`);
});

await check('negotiates TAK protocol 1 (t-x-takp-q → t-x-takp-r)', async () => {
  const now = new Date().toISOString();
  socket.write(`<event version="2.0" uid="ANDROID-interop-1" type="t-x-takp-q" how="m-g" time="${now}" start="${now}"
    stale="${now}"><point lat="0.0" lon="0.0" hae="0.0" ce="999999" le="999999"/><detail><TakControl>
    <TakRequest version="1"/></TakControl></detail></event>`);
  await until('TakResponse status="true"');
});

await check('TAK protocol 1 frame (node-cot protobuf) becomes an asset', async () => {
  const bytes = await CoTParser.to_proto(event('rescue-boat-9', 'a-f-S-C', 'Boat 9', 11.205, 124.955), 1);
  socket.write(frame(bytes));
  const n = await waitFor('rescue-boat-9');
  assert.equal(n.name, 'Boat 9');
  assert.ok(Math.abs(n.lat - 11.205) < 1e-9, `lat ${n.lat}`);
});

await check('a GeoChat (node-cot DirectChat, protocol 1) lands in the command post\'s inbox', async () => {
  const chat = new DirectChat({
    from: { uid: 'ANDROID-interop-1', callsign: 'Medic 1' },
    to: { uid: 'All Chat Rooms', callsign: 'All Chat Rooms' },
    message: 'SOS two trapped in the school', messageId: '0f8c7a52-5d1e-4a8e-9d55-1c2b3a4d5e6f',
  });
  socket.write(frame(await CoTParser.to_proto(chat, 1)));
  let found = null;
  for (let i = 0; i < 40 && !found; i++) {
    const r = await fetch(`${httpBase}/api/v1/messages?direction=in`, { headers: { authorization: `Bearer ${token}` } });
    found = (await r.json()).find(m => m.id === 'tak-0f8c7a52-5d1e-4a8e-9d55-1c2b3a4d5e6f');
    if (!found) await new Promise(res => setTimeout(res, 250));
  }
  assert.ok(found, 'chat never listed in /api/v1/messages?direction=in');
  assert.equal(found.text, 'Medic 1 [All Chat Rooms]: SOS two trapped in the school');
  assert.ok(JSON.stringify(found).includes('sos'), JSON.stringify(found));
});

await check('our picture as CoT XML parses with node-cot: the demo teams as friendly ground units', async () => {
  const watcher = net.connect(Number(port), host);
  let text = '';
  watcher.on('data', d => { text += d.toString('utf8'); });
  await new Promise(res => setTimeout(res, 2500));
  watcher.end();
  const events = text.split('</event>').filter(e => e.includes('<event')).map(e => e.slice(e.indexOf('<event')) + '</event>');
  const parsed = events.map(x => CoTParser.from_xml(x));
  const teams = parsed.filter(c => c.raw.event._attributes.type === 'a-f-G-U-C');
  assert.ok(teams.length >= 40, `${teams.length} team members in ${events.length} events`);
  const one = teams[0].raw.event;
  assert.ok(one.detail.contact._attributes.callsign, 'callsign');
  assert.ok(Number(one.point._attributes.lat) > 11 && Number(one.point._attributes.lat) < 11.3, 'lat in the demo area');
});

await check('our picture as TAK protocol 1 frames parses with node-cot', async () => {
  const start = received.indexOf('</event>', received.indexOf('t-x-takp-r')) + '</event>'.length;
  await new Promise(res => setTimeout(res, 1500));
  const bytes = Buffer.from(received.slice(start), 'latin1');
  let at = 0, uids = [];
  while (at < bytes.length && bytes[at] === 0xbf) {
    let len = 0, shift = 0, p = at + 1, b;
    do { b = bytes[p++]; len |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    if (p + len > bytes.length) break;
    const cot = await CoTParser.from_proto(bytes.subarray(p, p + len), 1);
    uids.push(cot.raw.event._attributes.uid);
    at = p + len;
  }
  assert.ok(uids.length >= 40, `${uids.length} frames decoded`);
  assert.ok(!uids.includes('ANDROID-interop-1'), 'our own unit was echoed back to us');
});

await check('the command post\'s broadcast reaches TAK clients as a GeoChat (node-cot parses it)', async () => {
  const listener = net.connect(Number(port), host);
  let text = '';
  listener.on('data', d => { text += d.toString('utf8'); });
  await new Promise((res, rej) => { listener.once('connect', res); listener.once('error', rej); });
  await new Promise(res => setTimeout(res, 300));
  const r = await fetch(`${httpBase}/api/v1/messages`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'broadcast', text: 'Evacuate sector 3 now', priority: 'urgent' }),
  });
  assert.equal(r.status, 202, await r.text());
  for (let i = 0; i < 40 && !text.includes('Evacuate sector 3'); i++) await new Promise(res => setTimeout(res, 100));
  listener.end();
  const events = text.split('</event>').filter(e => e.includes('b-t-f')).map(e => e.slice(e.indexOf('<event')) + '</event>');
  assert.equal(events.length, 1, `${events.length} chats received`);
  const chat = CoTParser.from_xml(events[0]);
  assert.ok(chat.is_chat(), 'node-cot does not see a chat');
  assert.equal(chat.raw.event.detail.remarks._text, 'Evacuate sector 3 now');
  assert.equal(chat.raw.event.detail.__chat._attributes.chatroom, 'All Chat Rooms');
});

socket.end();
console.log(`cot interop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
