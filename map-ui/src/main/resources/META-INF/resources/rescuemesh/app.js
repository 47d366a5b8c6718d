// RescueMesh map: nodes from /api/v1/nodes, drawn with Leaflet and no tile server (works offline).
(function () {
  'use strict';
  const params = new URLSearchParams(location.hash.slice(1));
  let token = params.get('token') || sessionStorage.getItem('rescuemesh.token');
  const map = L.map('map', { preferCanvas: true, zoomSnap: 0.25 }).setView([11.16, 124.92], 12);
  const layer = L.layerGroup().addTo(map);
  const colours = { agent: '#1d7a3a', asset: '#1f5fbf', coordinator: '#6a1b9a' };
  let fitted = false;

  // A graticule stands in for base tiles, which a disaster zone cannot download.
  const grid = L.layerGroup().addTo(map);
  function drawGrid() {
    grid.clearLayers();
    const b = map.getBounds();
    const span = Math.max(b.getNorth() - b.getSouth(), 1e-6);
    const step = Math.pow(10, Math.floor(Math.log10(span / 4)));
    for (let lat = Math.floor(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
      L.polyline([[lat, b.getWest()], [lat, b.getEast()]], { color: '#c5ced6', weight: 1, interactive: false }).addTo(grid);
    }
    for (let lon = Math.floor(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
      L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], { color: '#c5ced6', weight: 1, interactive: false }).addTo(grid);
    }
  }
  map.on('moveend', drawGrid);
  drawGrid();

  function askToken() {
    const dlg = document.getElementById('login');
    dlg.showModal();
    dlg.addEventListener('close', () => {
      token = document.getElementById('token-input').value.trim();
      sessionStorage.setItem('rescuemesh.token', token);
      refresh();
    }, { once: true });
  }

  function text(v) { return v === null || v === undefined ? '' : String(v); }

  function render(nodes) {
    layer.clearLayers();
    const tbody = document.querySelector('#nodes tbody');
    tbody.replaceChildren();
    const pts = [];
    const counts = { alive: 0, suspect: 0, dead: 0, left: 0 };
    for (const n of nodes) {
      counts[n.status] = (counts[n.status] || 0) + 1;
      const tr = document.createElement('tr');
      tr.className = n.status + (n.sos ? ' sos' : '');
      tr.dataset.id = n.id;
      for (const v of [n.id, n.kind, n.team, n.status, n.lat && n.lat.toFixed(5), n.lon && n.lon.toFixed(5),
        n.batteryPct === null ? '' : Math.round(n.batteryPct) + '%', text(n.lastSeen).replace('T', ' ').slice(0, 19)]) {
        const td = document.createElement('td');
        td.textContent = text(v);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
      if (n.lat === null || n.lon === null) continue;
      pts.push([n.lat, n.lon]);
      const faded = n.status === 'dead' || n.status === 'left';
      L.circleMarker([n.lat, n.lon], {
        radius: n.kind === 'agent' ? 5 : 8, color: n.sos ? '#d00' : colours[n.kind] || '#333',
        fillOpacity: faded ? 0.15 : 0.8, weight: n.status === 'suspect' ? 3 : 1, className: 'node-marker'
      }).bindTooltip(`${n.name} (${n.kind}, ${n.team}) ${n.status}`).addTo(layer);
    }
    document.getElementById('summary').textContent =
      `${nodes.length} nodes — ${counts.alive} alive, ${counts.suspect} suspect, ${counts.dead} dead, ${counts.left} left`;
    if (!fitted && pts.length) { map.fitBounds(pts, { padding: [20, 20] }); fitted = true; }
  }

  async function refresh() {
    if (!token) { askToken(); return; }
    try {
      const r = await fetch('/api/v1/nodes', { headers: { Authorization: 'Bearer ' + token } });
      if (r.status === 401) { document.getElementById('error').textContent = 'token refused'; askToken(); return; }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      render(await r.json());
      document.getElementById('error').textContent = '';
    } catch (e) {
      // Keep the last picture on screen: a stale map beats an empty one on a bad link.
      document.getElementById('error').textContent = 'coordinator unreachable, showing last picture (' + e.message + ')';
    }
  }
  refresh();
  setInterval(() => { if (token) refresh(); }, 2000);
})();
