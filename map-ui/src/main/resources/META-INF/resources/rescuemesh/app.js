// RescueMesh map: the live picture from /api/v1/nodes drawn with Leaflet and no tile server,
// so it works in a command post without internet.
(function () {
  'use strict';
  const POLL_MS = 2000;
  const TRAIL_POINTS = 30;
  const params = new URLSearchParams(location.hash.slice(1));
  let token = params.get('token') || sessionStorage.getItem('rescuemesh.token');
  if (params.get('token')) sessionStorage.setItem('rescuemesh.token', token);

  // One canvas for every clickable line and marker: the browser gives a click only to the topmost
  // canvas, so a second canvas in the same pane would hide the layers of the one below from clicks
  // (which one ends on top depends on which layer loads first). Clicks within a few pixels of a
  // line count: a gloved finger on a tablet does not hit a 2 px dashed area outline.
  const map = L.map('map', { preferCanvas: true, renderer: L.canvas({ tolerance: 6 }), zoomSnap: 0.25 }).setView([11.16, 124.92], 12);
  // Reachable from the browser console (and the browser test, which must find a drawn outline again
  // after a popup panned the map).
  window.rescuemeshMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  // The graticule gets its own pane below the markers so it never draws over them.
  map.createPane('grid').style.zIndex = 250;
  const gridRenderer = L.canvas({ pane: 'grid' });
  const grid = L.layerGroup().addTo(map);
  const linkLayer = L.layerGroup().addTo(map);
  const trailLayer = L.layerGroup().addTo(map);
  const nodeLayer = L.layerGroup().addTo(map);
  const layers = L.control.layers(null, { 'links': linkLayer, 'trails': trailLayer, 'grid': grid }, { collapsed: true }).addTo(map);


  // Terrain and planning, when the coordinator has a DEM: relief under everything, search areas,
  // and relay proposals from the planner.
  map.createPane('relief').style.zIndex = 200;
  const areaLayer = L.layerGroup().addTo(map);
  const relayLayer = L.layerGroup().addTo(map);
  let reliefOverlay = null;
  // Coverage of the search areas (tint where a searcher's handheld reaches the mesh, red gaps),
  // message routes of the selected node, the mesh's single points of failure, the node's track.
  map.createPane('coverage').style.zIndex = 300;
  const coverageLayer = L.layerGroup().addTo(map);
  const weakLayer = L.layerGroup().addTo(map);
  const routeLayer = L.layerGroup().addTo(map);
  const trackLayer = L.layerGroup().addTo(map);
  layers.addOverlay(coverageLayer, 'coverage');
  layers.addOverlay(weakLayer, 'weak points');
  layers.addOverlay(routeLayer, 'routes');
  layers.addOverlay(trackLayer, 'track');

  async function api(path, init) {
    const r = await fetch(path, Object.assign({}, init, { headers: Object.assign({ Authorization: 'Bearer ' + token },
      (init && init.headers) || {}) }));
    if (!r.ok) {
      let msg = 'HTTP ' + r.status;
      try { msg = (await r.json()).message || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r;
  }

  // An area is drawn as an outline only, so only its outline takes clicks: a Leaflet polygon takes
  // clicks anywhere inside it, and a large area would then take every click meant for the outline of
  // a smaller area drawn inside it (or for the map under it).
  const AreaOutline = L.Polygon.extend({
    _containsPoint(p) { return L.Polyline.prototype._containsPoint.call(this, p, true); }
  });
  const AREA_STYLE = { color: '#c0392b', weight: 2, fill: false, dashArray: '6 4' };
  function areaOutline(feature) {
    const g = feature.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return null;
    const layer = new AreaOutline(L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === 'Polygon' ? 1 : 2), AREA_STYLE);
    layer.feature = feature;
    const p = feature.properties;
    return layer.bindTooltip(`${p.name || p.id} — ${(p.areaM2 / 1e6).toFixed(1)} km²`)
      .bindPopup(() => areaPopup(feature));
  }

  // Search areas change while the operation runs (operators draw them over the API): reload them.
  // Loads overlap (start-up, the timer, a save or delete): an answer older than the one drawn is
  // dropped, or a slow first load could wipe an area saved a moment later.
  const AREAS_MS = 30000;
  let areasAsked = 0, areasDrawn = 0;
  async function loadAreas() {
    const asked = ++areasAsked;
    try {
      const areas = await (await api('/api/v1/search-areas')).json();
      if (asked < areasDrawn) return;
      areasDrawn = asked;
      areaLayer.clearLayers();
      // larger areas first, so where outlines meet the smaller area's is on top
      areas.features.slice().sort((a, b) => (b.properties.areaM2 || 0) - (a.properties.areaM2 || 0))
        .map(areaOutline).filter(l => l).forEach(l => l.addTo(areaLayer));
    } catch (e) { /* keep the areas drawn last */ }
  }

  // An operator's search area: name, size, and a delete button (scope plan; the API says no otherwise).
  function areaPopup(feature) {
    const p = feature.properties;
    const div = document.createElement('div');
    const title = document.createElement('b');
    title.textContent = p.name || p.id;
    div.append(title, document.createElement('br'),
      `${(p.areaM2 / 1e6).toFixed(2)} km² · ${p.source || 'configured'}`, document.createElement('br'));
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'delete-area';
    del.textContent = 'Delete area';
    del.addEventListener('click', async () => {
      try {
        await api('/api/v1/search-areas/' + encodeURIComponent(feature.id || p.id), { method: 'DELETE' });
        map.closePopup();
        setAreaStatus(`deleted ${p.name || p.id}`);
        await loadAreas();
      } catch (e) {
        setAreaStatus('cannot delete: ' + e.message);
      }
    });
    div.append(del);
    return div;
  }

  // Drawing a search area: click the corners on the map, name it, save. The coordinator checks
  // the polygon (a self-intersecting outline is refused with the reason, shown here).
  const drawing = { points: [], line: null };
  const drawButton = document.getElementById('draw-area');
  const finishButton = document.getElementById('finish-area');
  const cancelButton = document.getElementById('cancel-area');
  const areaName = document.getElementById('area-name');
  function setAreaStatus(text) { document.getElementById('area-status').textContent = text; }
  function drawingMode(on) {
    drawButton.hidden = on;
    finishButton.hidden = cancelButton.hidden = areaName.hidden = !on;
    document.body.dataset.drawing = on ? 'on' : 'off';
    map.getContainer().style.cursor = on ? 'crosshair' : '';
    if (on) map.doubleClickZoom.disable(); else map.doubleClickZoom.enable();
    if (!on) {
      drawing.points = [];
      if (drawing.line) drawing.line.remove();
      drawing.line = null;
    }
  }
  drawButton.addEventListener('click', () => {
    drawingMode(true);
    setAreaStatus('click the corners of the area on the map');
  });
  cancelButton.addEventListener('click', () => { drawingMode(false); setAreaStatus(''); });
  // Listened on the container itself: a click on a node or a line (canvas layers) is a corner too.
  map.getContainer().addEventListener('click', e => {
    if (document.body.dataset.drawing !== 'on' || e.target.closest('.leaflet-control, .leaflet-popup')) return;
    const at = map.mouseEventToLatLng(e);
    drawing.points.push([at.lat, at.lng]);
    if (drawing.line) drawing.line.remove();
    drawing.line = L.polygon(drawing.points, { color: '#c0392b', weight: 2, dashArray: '2 4', fillOpacity: 0.05,
      interactive: false }).addTo(map);
    setAreaStatus(`${drawing.points.length} corner(s)` + (drawing.points.length >= 3 ? ' — name it and save' : ''));
  });
  finishButton.addEventListener('click', async () => {
    if (drawing.points.length < 3) { setAreaStatus('an area needs at least 3 corners'); return; }
    const name = areaName.value.trim();
    if (!name) { setAreaStatus('give the area a name'); areaName.focus(); return; }
    const ring = drawing.points.map(p => [p[1], p[0]]);
    ring.push(ring[0]);
    try {
      const saved = await (await api('/api/v1/search-areas', { method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'Feature', properties: { name },
          geometry: { type: 'Polygon', coordinates: [ring] } }) })).json();
      drawingMode(false);
      areaName.value = '';
      setAreaStatus(`saved ${saved.properties.name}: ${(saved.properties.areaM2 / 1e6).toFixed(2)} km²`);
      await loadAreas();
    } catch (e) {
      setAreaStatus('not saved: ' + e.message); // keep the corners: the operator can cancel or fix
    }
  });
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && document.body.dataset.drawing === 'on') { drawingMode(false); setAreaStatus(''); }
  });

  async function loadTerrain() {
    let t;
    try { t = await (await api('/api/v1/terrain')).json(); } catch (e) { return; } // no terrain: no planner
    const img = await (await api(t.relief)).blob();
    reliefOverlay = L.imageOverlay(URL.createObjectURL(img), [[t.south, t.west], [t.north, t.east]],
      { pane: 'relief', opacity: 0.85, interactive: false }).addTo(map);
    await loadAreas();
    setInterval(loadAreas, AREAS_MS);
    document.getElementById('planner').hidden = false;
    document.body.dataset.terrain = 'loaded';
  }

  function drawPlan(plan) {
    relayLayer.clearLayers();
    const list = document.getElementById('plan-result');
    list.replaceChildren();
    for (const r of plan.relays || []) {
      const p = [r.position.latDeg, r.position.lonDeg];
      L.marker(p, { icon: L.divIcon({ className: 'relay-icon', html: String(r.rank), iconSize: [18, 18] }) })
        .bindTooltip(`relay ${r.rank}: ${r.reason} → ${r.coveredPctAfter.toFixed(1)} % covered, ${r.componentsAfter} component(s)`)
        .addTo(relayLayer);
      const li = document.createElement('li');
      li.textContent = `${p[0].toFixed(5)}, ${p[1].toFixed(5)} — ${r.reason}; ${r.coveredPctAfter.toFixed(1)} % covered`;
      list.appendChild(li);
    }
    document.getElementById('plan-status').textContent =
      `before: ${(plan.coveredPctBefore || 0).toFixed(1)} % covered, ${plan.componentsBefore || 0} component(s)`;
  }

  async function planRelays() {
    const status = document.getElementById('plan-status');
    const button = document.getElementById('plan-relays');
    button.disabled = true;
    try {
      const k = Number(document.getElementById('plan-k').value) || 3;
      const job = await runJob('relays', { k }, status);
      if (job.state === 'done') drawPlan(job.plan); else status.textContent = 'plan ' + job.state + (job.error ? ': ' + job.error : '');
    } catch (e) {
      status.textContent = 'planning failed: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }
  document.getElementById('plan-relays').addEventListener('click', planRelays);

  // Runs a background planner job to its end, showing progress; returns the finished job.
  async function runJob(kind, body, status) {
    let job = await (await api('/api/v1/plans/' + kind, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body) })).json();
    while (job.state === 'queued' || job.state === 'running') {
      status.textContent = `${kind}: ${job.progress.phase || job.state} ${job.progress.done}/${job.progress.total}`;
      await new Promise(res => setTimeout(res, 1000));
      job = await (await api('/api/v1/plans/' + kind + '/' + job.id)).json();
    }
    return job;
  }

  async function drawCoverage(c) {
    coverageLayer.clearLayers();
    const lines = [];
    for (const a of c.areas) {
      const o = a.overlay;
      const img = await (await api(o.image)).blob();
      L.imageOverlay(URL.createObjectURL(img), [[o.south, o.west], [o.north, o.east]],
        { pane: 'coverage', interactive: false, className: 'coverage-overlay' }).addTo(coverageLayer);
      L.geoJSON(a.gaps, { style: { color: '#b00020', weight: 1, fillColor: '#b00020', fillOpacity: 0.25 } })
        .bindTooltip(l => `gap ${l.feature.properties.rank}: ${(l.feature.properties.areaM2 / 1e6).toFixed(2)} km² out of reach`)
        .addTo(coverageLayer);
      lines.push(`${a.name}: ${a.coveredPct.toFixed(1)} % covered, ${a.listedGaps} gap(s), ${(a.gapAreaM2 / 1e6).toFixed(1)} km² dark`);
    }
    document.getElementById('coverage-status').textContent = lines.join('; ');
    document.body.dataset.coverage = 'drawn';
  }

  async function assessCoverage() {
    const status = document.getElementById('coverage-status');
    const button = document.getElementById('assess-coverage');
    button.disabled = true;
    try {
      const job = await runJob('coverage', {}, status);
      if (job.state === 'done') await drawCoverage(job.coverage);
      else status.textContent = 'coverage ' + job.state + (job.error ? ': ' + job.error : '');
    } catch (e) {
      status.textContent = 'coverage failed: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }
  document.getElementById('assess-coverage').addEventListener('click', assessCoverage);

  const kindColour = { agent: '#1d7a3a', asset: '#1f5fbf', coordinator: '#6a1b9a' };
  const trails = new Map();   // id -> [[lat, lon], …], kept client-side between polls
  const markers = new Map();  // id -> marker, kept between renders
  let fitted = false;

  // A graticule stands in for base tiles, which a disaster zone cannot download.
  function drawGrid() {
    grid.clearLayers();
    const b = map.getBounds();
    const span = Math.max(b.getNorth() - b.getSouth(), 1e-6);
    const step = Math.pow(10, Math.floor(Math.log10(span / 4)));
    const style = { color: '#c5ced6', weight: 1, interactive: false, pane: 'grid', renderer: gridRenderer };
    for (let lat = Math.floor(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
      L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style).addTo(grid);
    }
    for (let lon = Math.floor(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
      L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], style).addTo(grid);
    }
  }
  map.on('moveend', drawGrid);
  drawGrid();

  // Link colour by expected transmission count: green holds, amber struggles, red barely works.
  function linkColour(l) {
    if (l.etx === null || l.etx === undefined) return '#999';
    if (l.etx <= 1.5) return '#2a9d3a';
    if (l.etx <= 3) return '#e09b00';
    return '#d62828';
  }

  function text(v) { return v === null || v === undefined ? '' : String(v); }
  function ago(iso) {
    if (!iso) return '';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 90 ? s + ' s' : s < 5400 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
  }

  function askToken() {
    const dlg = document.getElementById('login');
    if (dlg.open) return;
    dlg.showModal();
    dlg.addEventListener('close', () => {
      token = document.getElementById('token-input').value.trim();
      sessionStorage.setItem('rescuemesh.token', token);
      refresh();
      loadTerrain();
      loadRoutes();
      loadMessages();
    }, { once: true });
  }

  // Markers are kept between renders and moved in place: with thousands of nodes, rebuilding
  // every marker twice a second would stall the browser of a command-post laptop.
  const MAX_ROWS = 500;
  let selected = null;

  function nodeStyle(n) {
    const faded = n.status === 'dead' || n.status === 'left';
    return {
      radius: n.kind === 'agent' ? 5 : 8, color: n.sos ? '#d00' : kindColour[n.kind] || '#333',
      fillOpacity: faded ? 0.15 : 0.8, weight: n.status === 'suspect' || n.sos || n.id === selected ? 3 : 1,
      dashArray: n.status === 'suspect' ? '3' : null
    };
  }

  function render(nodes) {
    linkLayer.clearLayers();
    trailLayer.clearLayers();
    const byId = new Map(nodes.map(n => [n.id, n]));
    const tbody = document.querySelector('#nodes tbody');
    tbody.replaceChildren();
    const pts = [];
    const counts = { alive: 0, suspect: 0, dead: 0, left: 0 };
    const placed = new Set();
    let sos = 0;
    let rows = 0;
    // SOS first, then suspect/dead so trouble is at the top of the list.
    const rank = n => (n.sos ? 0 : 3) + ({ suspect: 0, dead: 1, left: 2 }[n.status] ?? 3) / 10;
    for (const n of [...nodes].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))) {
      counts[n.status] = (counts[n.status] || 0) + 1;
      if (n.sos) sos++;
      if (rows++ < MAX_ROWS) {
        const tr = document.createElement('tr');
        tr.className = n.status + (n.sos ? ' sos' : '') + (n.id === selected ? ' selected' : '');
        tr.dataset.id = n.id;
        for (const v of [n.id, n.kind, n.team, n.status, n.lat === null ? '' : n.lat.toFixed(5),
          n.lon === null ? '' : n.lon.toFixed(5), n.batteryPct === null ? '' : Math.round(n.batteryPct) + '%', ago(n.lastSeen)]) {
          const td = document.createElement('td');
          td.textContent = text(v);
          tr.appendChild(td);
        }
        tr.addEventListener('click', () => select(n.id, true));
        tbody.appendChild(tr);
      }
      if (n.lat === null || n.lon === null) continue;
      placed.add(n.id);
      pts.push([n.lat, n.lon]);
      const trail = trails.get(n.id) || [];
      const last = trail[trail.length - 1];
      if (!last || last[0] !== n.lat || last[1] !== n.lon) trail.push([n.lat, n.lon]);
      if (trail.length > TRAIL_POINTS) trail.shift();
      trails.set(n.id, trail);
      if (trail.length > 1) L.polyline(trail, { color: kindColour[n.kind] || '#333', weight: 1, opacity: 0.5, interactive: false }).addTo(trailLayer);
      for (const l of n.links || []) {
        const p = byId.get(l.peer);
        if (!p || p.lat === null || n.id > l.peer && (p.links || []).some(x => x.peer === n.id)) continue;
        L.polyline([[n.lat, n.lon], [p.lat, p.lon]], { color: linkColour(l), weight: 2, opacity: 0.7 })
          .bindTooltip(`${n.id} ↔ ${l.peer}: ETX ${text(l.etx && l.etx.toFixed(2))}, RTT ${text(l.rttMs && l.rttMs.toFixed(0))} ms, loss ${text(l.loss !== null ? Math.round(l.loss * 100) + '%' : '')}`)
          .addTo(linkLayer);
      }
      const tip = `${n.name} — ${n.kind}, ${n.team}, ${n.status}` +
        (n.batteryPct === null ? '' : `, battery ${Math.round(n.batteryPct)}%`) + (n.sos ? ' — SOS' : '') +
        `, seen ${ago(n.lastSeen)} ago`;
      let m = markers.get(n.id);
      if (!m) {
        m = L.circleMarker([n.lat, n.lon], nodeStyle(n)).bindTooltip(tip).addTo(nodeLayer);
        m.on('click', () => select(n.id, false));
        markers.set(n.id, m);
      } else {
        m.setLatLng([n.lat, n.lon]);
        m.setStyle(nodeStyle(n));
        m.setRadius(nodeStyle(n).radius);
        m.setTooltipContent(tip);
      }
    }
    for (const [id, m] of markers) {
      if (!placed.has(id)) { nodeLayer.removeLayer(m); markers.delete(id); }
    }
    if (rows > MAX_ROWS) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 8;
      td.textContent = `… and ${rows - MAX_ROWS} more (trouble is listed first)`;
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    document.getElementById('summary').textContent =
      `${nodes.length} nodes — ${counts.alive} alive, ${counts.suspect} suspect, ${counts.dead} dead, ${counts.left} left` +
      (sos ? ` — ${sos} SOS` : '');
    document.body.dataset.nodes = String(nodes.length);
    if (!fitted && pts.length) { map.fitBounds(pts, { padding: [20, 20] }); fitted = true; }
    drawWeakPoints();
    if (selected) drawRoutes(selected);
    fillRecipients();
  }

  // Messages: what the teams sent to the command post (SOS first), what it sent them, and a
  // form to send. Teams for the "to" list come from the picture.
  const MESSAGES_MS = 5000;
  const messageLayer = L.layerGroup().addTo(map);
  layers.addOverlay(messageLayer, 'messages');

  async function loadMessages() {
    let inbound, outbound;
    try {
      inbound = await (await api('/api/v1/messages?direction=in&limit=100')).json();
      outbound = await (await api('/api/v1/messages?direction=out&limit=50')).json();
    } catch (e) { return; } // no message store or no access: leave the panel as it is
    const order = { sos: 0, urgent: 1, routine: 2 };
    const all = [...inbound, ...outbound].sort((a, b) =>
      (order[a.priority] - order[b.priority]) || b.createdAt.localeCompare(a.createdAt));
    const list = document.getElementById('inbox');
    list.replaceChildren();
    messageLayer.clearLayers();
    for (const m of all) {
      const li = document.createElement('li');
      li.className = m.priority;
      li.dataset.id = m.id;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = m.direction === 'out'
        ? `→ ${m.to} · ${m.state} · ${new Date(m.createdAt).toLocaleTimeString()}`
        : `${m.priority.toUpperCase()} from ${m.from} · ${new Date(m.createdAt).toLocaleTimeString()}`;
      li.append(meta, document.createTextNode(m.text));
      if (m.position) {
        const p = [m.position.lat, m.position.lon];
        L.marker(p, { icon: L.divIcon({ className: m.priority === 'sos' ? 'sos-icon' : 'relay-icon', html: m.priority === 'sos' ? 'SOS' : '✉', iconSize: [22, 22] }) })
          .bindTooltip(`${m.from}: ${m.text}`).addTo(messageLayer);
        li.addEventListener('click', () => map.panTo(p));
      }
      list.appendChild(li);
    }
    document.body.dataset.messages = String(all.length);
  }

  function fillRecipients() {
    const select = document.getElementById('send-to');
    const current = select.value;
    const teams = [...new Set([...picture.values()].filter(n => n.kind === 'agent' && n.team).map(n => n.team))].sort();
    const options = [['broadcast', 'everyone'], ...teams.map(t => ['team:' + t, 'team ' + t])];
    if (select.options.length === options.length) return;
    select.replaceChildren(...options.map(([v, label]) => { const o = document.createElement('option'); o.value = v; o.textContent = label; return o; }));
    if ([...select.options].some(o => o.value === current)) select.value = current;
  }

  document.getElementById('send-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const status = document.getElementById('send-status');
    const text = document.getElementById('send-text');
    try {
      const r = await (await api('/api/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: document.getElementById('send-to').value, text: text.value,
          priority: document.getElementById('send-priority').value }) })).json();
      status.textContent = 'sent, ' + r.state;
      text.value = '';
      loadMessages();
    } catch (e) {
      status.textContent = 'not sent: ' + e.message;
    }
  });

  // Message routes: best (solid) and backup (dashed) from the selected node to the command
  // post, and the mesh's single points of failure, from /api/v1/routes every ROUTES_MS.
  const ROUTES_MS = 15000;
  let routeReport = null;

  function where(id) {
    const n = picture.get(id);
    return n && n.lat !== null && n.lon !== null ? [n.lat, n.lon] : null;
  }

  function drawWeakPoints() {
    weakLayer.clearLayers();
    if (!routeReport) return;
    for (const id of routeReport.cutVertices) {
      const p = where(id);
      if (p) L.circleMarker(p, { radius: 12, color: '#b00020', weight: 2, fill: false, dashArray: '4 3' })
        .bindTooltip(`${id}: single point of failure — losing it cuts part of the mesh off`).addTo(weakLayer);
    }
    for (const b of routeReport.bridges) {
      const a = where(b.a); const c = where(b.b);
      if (a && c) L.polyline([a, c], { color: '#b00020', weight: 5, opacity: 0.5, dashArray: '8 6' })
        .bindTooltip(`${b.a} ↔ ${b.b}: the only link between two parts of the mesh`).addTo(weakLayer);
    }
  }

  function drawRoutes(id) {
    routeLayer.clearLayers();
    const r = routeReport && routeReport.routes.find(x => x.from === id);
    const info = document.getElementById('route-info');
    if (!r) { info.textContent = routeReport && id !== routeReport.commandPost ? `${id} is not a live mesh node` : ''; return; }
    if (!r.reachable) { info.textContent = `${id}: no route to the command post — cut off`; return; }
    const line = (route, style) => {
      const pts = route.hops.map(where).filter(p => p);
      if (pts.length > 1) L.polyline(pts, style).bindTooltip(`${route.hops.join(' → ')} (ETX ${route.totalEtx.toFixed(2)})`).addTo(routeLayer);
    };
    line(r.best, { color: '#1f5fbf', weight: 5, opacity: 0.8 });
    if (r.backup) line(r.backup, { color: '#7b2cbf', weight: 4, opacity: 0.7, dashArray: '10 6' });
    info.textContent = `${id} → command post: ${r.best.hops.length - 1} hop(s), ETX ${r.best.totalEtx.toFixed(2)}; ` +
      (r.backup ? `backup ${r.backup.hops.length - 1} hop(s) (${r.disjointness.replace('_', '-')})` : 'no backup route');
  }

  async function loadRoutes() {
    const status = document.getElementById('route-status');
    try {
      routeReport = await (await api('/api/v1/routes')).json();
    } catch (e) {
      status.textContent = 'routes unavailable: ' + e.message;
      return;
    }
    status.textContent = `${routeReport.nodes} mesh nodes: ${routeReport.unreachable} cut off, ` +
      `${routeReport.withoutBackup} without a backup route, ${routeReport.cutVertices.length} single point(s) of failure`;
    document.body.dataset.routes = 'loaded';
    drawWeakPoints();
    if (selected) drawRoutes(selected);
  }

  async function drawTrack(id) {
    trackLayer.clearLayers();
    try {
      const t = await (await api('/api/v1/tracks/' + encodeURIComponent(id))).json();
      const pts = t.positions.map(p => [p.lat, p.lon]);
      if (pts.length > 1) L.polyline(pts, { color: '#333', weight: 2, opacity: 0.8, dashArray: '2 4' })
        .bindTooltip(`${id}: ${t.count} stored positions`).addTo(trackLayer);
    } catch (e) { /* no stored track: nothing to draw */ }
  }

  function select(id, pan) {
    selected = id;
    const m = markers.get(id);
    if (m && pan) { map.panTo(m.getLatLng()); m.openTooltip(); }
    drawRoutes(id);
    drawTrack(id);
    queueRender();
  }

  // The picture: a full fetch of /api/v1/nodes, then live deltas over /api/v1/live. Polling is
  // only the fallback while the WebSocket is down (a proxy that refuses it, a flaky link).
  const picture = new Map();
  let live = null;
  let liveStream = null;
  let lastSeq = 0;
  let renderQueued = false;

  function queueRender() {
    if (renderQueued) return;
    renderQueued = true;
    setTimeout(() => { renderQueued = false; render([...picture.values()]); }, 300);
  }

  async function refresh() {
    if (!token) { askToken(); return; }
    try {
      const r = await fetch('/api/v1/nodes', { headers: { Authorization: 'Bearer ' + token } });
      if (r.status === 401) { document.getElementById('error').textContent = 'token refused'; askToken(); return; }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      const nodes = await r.json();
      picture.clear();
      for (const n of nodes) picture.set(n.id, n);
      render(nodes);
      document.getElementById('error').textContent = '';
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      if (!live) connectLive();
    } catch (e) {
      // Keep the last picture on screen: a stale map beats an empty one on a bad link.
      document.getElementById('error').textContent = 'coordinator unreachable, showing last picture (' + e.message + ')';
    }
  }

  function connectLive() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let url = `${scheme}//${location.host}/api/v1/live?token=${encodeURIComponent(token)}`;
    if (liveStream) url += `&since=${lastSeq}&stream=${encodeURIComponent(liveStream)}`;
    const ws = new WebSocket(url);
    live = ws;
    ws.onopen = () => { document.body.dataset.live = 'open'; };
    ws.onmessage = ev => {
      const m = JSON.parse(ev.data);
      if (m.type === 'hello') { liveStream = m.stream; if (!lastSeq) lastSeq = m.seq; }
      else if (m.type === 'reload') { lastSeq = m.seq || 0; refresh(); }
      else if (m.type === 'node') {
        lastSeq = m.seq;
        picture.set(m.node.id, m.node);
        document.getElementById('updated').textContent = 'live ' + new Date().toLocaleTimeString();
        queueRender();
      }
    };
    ws.onclose = () => {
      document.body.dataset.live = 'closed';
      live = null;
      setTimeout(() => { if (token && !live) connectLive(); }, 2000);
    };
  }
  refresh();
  if (token) { loadTerrain(); loadRoutes(); loadMessages(); }
  setInterval(() => { if (token) loadRoutes(); }, ROUTES_MS);
  setInterval(() => { if (token) loadMessages(); }, MESSAGES_MS);
  setInterval(() => { if (token && (!live || live.readyState !== WebSocket.OPEN)) refresh(); }, POLL_MS);
})();
