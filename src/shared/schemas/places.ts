import { z } from 'zod';

/** Limits shared by server validation and web forms (ARCHITECTURE convention 2). */
export const PLACE_LIMITS = { query: 100, defaultResults: 8, maxResults: 20 } as const;

/** GeoNames data is CC BY 4.0: every response that carries it says so. */
export const PLACE_ATTRIBUTION = 'Place data © GeoNames (geonames.org), CC BY 4.0';

/** Place ids name their source, so places from elsewhere can be added later without clashing. */
export const PLACE_ID_PATTERN = /^geonames:[1-9]\d{0,9}$/;

const placeId = z
  .string()
  .regex(PLACE_ID_PATTERN, 'not a place id such as "geonames:5199600"')
  .describe('"geonames:" and the GeoNames id, e.g. geonames:5199600');

export const placesQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(PLACE_LIMITS.query)
      .describe(
        'A place name or its beginning, optionally followed by ", region" and/or ", country": "Malvern, PA", "malv", "Paris, FR"',
      ),
    limit: z.coerce.number().int().min(1).max(PLACE_LIMITS.maxResults).default(PLACE_LIMITS.defaultResults),
  })
  .strict();

export const placeIdParamsSchema = z.object({ id: placeId }).strict();

export const placeSchema = z.object({
  id: placeId,
  name: z.string().describe('The name GeoNames gives the place'),
  admin: z
    .string()
    .nullable()
    .describe(
      'Region code: the postal abbreviation in the US, Canada and Australia ("PA", "ON", "NSW"); elsewhere the GeoNames admin1 code',
    ),
  country: z.string().length(2).describe('ISO 3166-1 alpha-2 country code'),
  label: z.string().describe('For display: "Malvern, Pennsylvania, United States", "São Paulo, Brazil"'),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  timezone: z.string().describe('IANA time zone estimated from the coordinates, e.g. America/New_York'),
  population: z.number().int().min(0),
});

const attribution = z.literal(PLACE_ATTRIBUTION);

export const placeSearchResponseSchema = z.object({
  places: z.array(placeSchema).describe('Best match first'),
  attribution,
});

export const placeResponseSchema = z.object({ place: placeSchema, attribution });

export type Place = z.infer<typeof placeSchema>;
export type PlacesQuery = z.infer<typeof placesQuerySchema>;
export type PlaceSearchResponse = z.infer<typeof placeSearchResponseSchema>;
export type PlaceResponse = z.infer<typeof placeResponseSchema>;
