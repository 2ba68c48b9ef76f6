/**
 * A map that works with no internet: country outlines bundled with the app (Natural Earth via
 * world-atlas) as the base, points on top; a tile server is added when the map.tiles setting names one.
 * Leaflet and the outlines load only when a map is shown.
 */
import { useEffect, useRef, useState } from 'react';
import { get } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { navigate } from '../lib/router.tsx';
import atlasUrl from 'world-atlas/countries-50m.json?url';

export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
  /** Where clicking the point leads. */
  href?: string;
  color?: string;
  radius?: number;
}

export interface MapArea {
  label: string;
  /** GeoJSON geometry or feature. */
  geojson: any;
  color?: string;
}

interface MapSettings {
  tileUrl: string | null;
  attribution: string;
  maxZoom: number;
  center: [number, number];
  zoom: number;
}

let outlines: Promise<any> | null = null;
function loadOutlines() {
  outlines ??= Promise.all([fetch(atlasUrl).then((r) => r.json()), import('topojson-client')]).then(([topo, tj]) => tj.feature(topo, topo.objects.countries));
  return outlines;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function MapView({ points, areas = [], label, height }: { points: MapPoint[]; areas?: MapArea[]; label: string; height?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let map: any;
    let cancelled = false;
    (async () => {
      const [L, base, settings] = await Promise.all([
        import('leaflet').then((m) => m.default ?? m),
        loadOutlines().catch(() => null),
        get<{ value: MapSettings }>('/api/v1/settings/map.tiles').then(
          (s) => s.value,
          () => null,
        ),
      ]);
      if (cancelled || !box.current) return;
      map = L.map(box.current, { worldCopyJump: true, maxZoom: settings?.maxZoom ?? 12, attributionControl: !!settings?.tileUrl });
      // A view first: vector layers need one to be drawn.
      map.setView(settings?.center ?? [2, 22], settings?.zoom ?? 4);
      if (base) L.geoJSON(base, { style: { color: '#7d8ea3', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 }, interactive: false }).addTo(map);
      if (settings?.tileUrl) L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: settings.maxZoom }).addTo(map);
      const bounds = L.latLngBounds([]);
      for (const a of areas) {
        const layer = L.geoJSON(a.geojson, { style: { color: a.color ?? '#b3261e', weight: 1.5, fillOpacity: 0.15 } }).bindTooltip(escapeHtml(a.label));
        layer.addTo(map);
        const b = layer.getBounds();
        if (b.isValid()) bounds.extend(b);
      }
      for (const p of points) {
        if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
        const m = L.circleMarker([p.lat, p.lon], { radius: p.radius ?? 6, color: '#fff', weight: 1, fillColor: p.color ?? '#0b5cad', fillOpacity: 0.9 }).bindTooltip(escapeHtml(p.label));
        if (p.href) m.on('click', () => navigate(p.href!));
        m.addTo(map);
        bounds.extend([p.lat, p.lon]);
      }
      if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });
      setReady(true);
    })();
    return () => {
      cancelled = true;
      map?.remove();
    };
    // Redraw when the data change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(points), JSON.stringify(areas.map((a) => a.label))]);
  return (
    <figure className="map-figure">
      <div ref={box} className="map" role="img" aria-label={label} style={height ? { height } : undefined} data-testid="map" data-ready={ready ? 'true' : 'false'} data-points={points.length} />
      <figcaption className="muted small">{label}</figcaption>
      {!ready && <span className="visually-hidden">{t('app.loading')}</span>}
    </figure>
  );
}
