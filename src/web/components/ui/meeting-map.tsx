import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import Supercluster, { type ClusterProperties } from 'supercluster';
import 'leaflet/dist/leaflet.css';
import './meeting-map.css';

/** A meeting on the map: where, what to call it, and where its page is. */
export interface MapPoint {
  id: number;
  lat: number;
  lng: number;
  name: string;
  /** One line under the name in its popup (when and where, already formatted). */
  detail: string;
  href: string;
}

export interface MeetingMapProps {
  points: readonly MapPoint[];
  /** The operator's tile URL template (`/api/meta`); null draws the markers on a plain background. */
  tileUrl: string | null;
  attribution: string | null;
  /** Where to look when there are no points (the searched place). */
  center?: { lat: number; lng: number };
  /** Called with a meeting's page when its popup link is followed, so the app routes without a reload. */
  onOpen: (href: string) => void;
}

type Props = { id: number; name: string; detail: string; href: string };

/** Enter or Space: what activates a button from the keyboard. */
const isActivation = (e: KeyboardEvent) => e.key === 'Enter' || e.key === ' ';

/**
 * Meetings on a Leaflet map, clustered (supercluster: a cluster shows how many meetings it holds and zooms in when
 * chosen). Tiles come only from the operator's configured URL, never a hard-wired host; without one the markers sit
 * on a plain background and a notice says why. Markers and clusters are buttons Leaflet puts in the tab order, with
 * labels a screen reader reads; the list view holds the same results for anyone who prefers it.
 *
 * Leaflet is loaded with this component only (the finder imports it lazily), not in the app's first load.
 */
export function MeetingMap({ points, tileUrl, attribution, center, onOpen }: MeetingMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  // The latest onOpen for popup links made in the effect below, without redrawing the map when it changes.
  const openRef = useRef(onOpen);
  useEffect(() => {
    openRef.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Zooms and fades jump rather than glide for people who asked their system for less motion.
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const map = L.map(element, {
      zoomControl: false,
      keyboard: true,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
    });
    L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
    // Leaflet's own prefix links to its website; plain text credits it without a link out of the app.
    map.attributionControl.setPrefix('Leaflet');
    if (tileUrl) L.tileLayer(tileUrl, { attribution: attribution ?? '', maxZoom: 19 }).addTo(map);

    const index = new Supercluster<Props>({ radius: 50, maxZoom: 17 });
    index.load(
      points.map((p) => ({
        type: 'Feature',
        properties: { id: p.id, name: p.name, detail: p.detail, href: p.href },
        geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
      })),
    );
    const layer = L.layerGroup().addTo(map);

    const popupFor = (p: Props): HTMLElement => {
      // Built from DOM nodes with textContent: names come from published feeds and are never parsed as HTML.
      const box = document.createElement('div');
      const link = document.createElement('a');
      link.href = p.href;
      link.textContent = p.name;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        openRef.current(p.href);
      });
      const line = document.createElement('p');
      line.textContent = p.detail;
      box.append(link, line);
      return box;
    };

    const draw = () => {
      layer.clearLayers();
      const b = map.getBounds();
      const clusters = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()));
      for (const c of clusters) {
        const [lng, lat] = c.geometry.coordinates as [number, number];
        const props = c.properties as Partial<ClusterProperties> & Partial<Props>;
        if (props.cluster) {
          const count = props.point_count ?? 0;
          const label = document.createElement('span');
          label.textContent = String(props.point_count_abbreviated ?? count);
          const marker = L.marker([lat, lng], {
            icon: L.divIcon({ html: label, className: 'map-cluster', iconSize: [44, 44] }),
            keyboard: true,
          });
          const zoomIn = () => {
            // The cluster's button goes away as the map redraws: keep the keyboard user on the map itself.
            map.once('moveend', () => map.getContainer().focus());
            map.setView([lat, lng], index.getClusterExpansionZoom(props.cluster_id ?? 0));
          };
          marker.on('click', zoomIn);
          marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
            if (isActivation(e.originalEvent)) zoomIn();
          });
          marker.addTo(layer);
          marker.getElement()?.setAttribute('aria-label', t('map.cluster', { count }));
        } else {
          const p = c.properties as Props;
          const marker = L.marker([lat, lng], {
            icon: L.divIcon({ html: '', className: 'map-pin', iconSize: [28, 28] }),
            keyboard: true,
          }).bindPopup(popupFor(p));
          // Leaflet opens a popup on Enter; a button opens on Space too.
          marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
            if (e.originalEvent.key === ' ') marker.openPopup();
          });
          marker.addTo(layer);
          marker.getElement()?.setAttribute('aria-label', p.name);
        }
      }
    };
    map.on('moveend', draw);

    if (points.length > 0) {
      map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])), { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView(center ? [center.lat, center.lng] : [20, 0], center ? 11 : 2);
    }
    draw();
    return () => {
      map.remove();
    };
  }, [points, tileUrl, attribution, center, t]);

  return (
    <div className="meeting-map">
      {!tileUrl && <p className="map-notice">{t('map.noTiles')}</p>}
      <div
        ref={container}
        className={tileUrl ? 'map-canvas' : 'map-canvas map-plain'}
        role="region"
        aria-label={t('map.label', { count: points.length })}
      />
    </div>
  );
}
