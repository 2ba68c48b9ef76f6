/**
 * The web app's map: by default a base drawn from country outlines bundled with the app (works with no
 * internet); an administrator may add a tile server (a mission's own, or a public one where allowed).
 * The page's Content-Security-Policy admits the tile server's origin while it is configured.
 */
import { z } from 'zod';
import type { Queryable } from './db/types.ts';
import { defineSetting, getSetting } from './settings/settings.ts';

const mapSchema = z.object({
  /** Tile URL template such as https://tiles.example.org/{z}/{x}/{y}.png; null: outlines only. */
  tileUrl: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/\S*\{z\}\S*\{x\}\S*\{y\}/, 'a http(s) URL template with {z}, {x} and {y}')
    .nullable(),
  attribution: z.string().max(500),
  maxZoom: z.number().int().min(1).max(22),
  /** Where the map opens when it has nothing to show: [latitude, longitude] and zoom. */
  center: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]),
  zoom: z.number().int().min(1).max(18),
});
export type MapSettings = z.infer<typeof mapSchema>;

export const mapSetting = defineSetting<MapSettings>({
  key: 'map.tiles',
  label: { en: 'Map base and tile server', fr: 'Fond de carte et serveur de tuiles' },
  description: {
    en: 'Without a tile server the map draws bundled country outlines (no internet needed). A tile URL template ({z}/{x}/{y}) adds a tile layer.',
    fr: 'Sans serveur de tuiles, la carte dessine les contours des pays fournis avec l’application (sans internet). Un modèle d’URL de tuiles ({z}/{x}/{y}) ajoute une couche de tuiles.',
  },
  schema: mapSchema,
  defaultValue: { tileUrl: null, attribution: '', maxZoom: 12, center: [2, 22], zoom: 4 },
});

let cached: { at: number; origin: string | null } | null = null;

/** The origin of the configured tile server (cached for a few seconds), for the page's CSP. */
export async function tileOrigin(q: Queryable): Promise<string | null> {
  if (cached && Date.now() - cached.at < 5_000) return cached.origin;
  let origin: string | null = null;
  try {
    const v = await getSetting(q, mapSetting);
    origin = v.tileUrl ? new URL(v.tileUrl.replace(/\{[a-z]\}/g, '0')).origin : null;
  } catch {
    origin = null;
  }
  cached = { at: Date.now(), origin };
  return origin;
}
