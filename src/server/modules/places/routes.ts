import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import {
  PLACE_ATTRIBUTION,
  placeIdParamsSchema,
  placeResponseSchema,
  placeSearchResponseSchema,
  placesQuerySchema,
} from '../../../shared/schemas/places.js';
import { loadPlaceIndex } from './place-index.js';

// The data changes only when the package is upgraded.
const CACHE_CONTROL = 'public, max-age=86400';

const SOURCE_NOTE = `Offline: cities of more than 1,000 people from GeoNames, no outside service is asked. ${PLACE_ATTRIBUTION}.`;

/**
 * Place autocomplete for the search box. The index is built in the background
 * once the server listens (and by the first request otherwise), so starting
 * the server never waits for it.
 */
export const placesRoutes: FastifyPluginAsync<AppDeps> = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Not on registration: apps driven by inject() (tests) never listen, and should not pay for an index they do not use.
  app.addHook('onListen', async () => {
    void loadPlaceIndex().catch((err: unknown) => app.log.error({ err }, 'place index could not be built'));
  });

  app.get(
    '/api/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Find a city by name',
        description: `Cities whose name starts with \`q\`, ignoring case and accents ("sao paulo" finds São Paulo). After a comma, a region or country narrows the order: "Malvern, PA", "Paris, FR", "London, UK". Best first: exact name, then matching region/country, then population. ${SOURCE_NOTE}`,
        querystring: placesQuerySchema,
        response: { 200: placeSearchResponseSchema },
      },
    },
    async (request, reply) => {
      const index = await loadPlaceIndex();
      const places = index.search(request.query.q, request.query.limit);
      return reply.header('cache-control', CACHE_CONTROL).send({ places, attribution: PLACE_ATTRIBUTION });
    },
  );

  app.get(
    '/api/places/:id',
    {
      schema: {
        tags: ['places'],
        summary: 'One city by id',
        description: `The city with this id, as returned by the place search (the id other searches accept as \`near\`). ${SOURCE_NOTE}`,
        params: placeIdParamsSchema,
        response: { 200: placeResponseSchema },
      },
    },
    async (request, reply) => {
      const place = (await loadPlaceIndex()).find(request.params.id);
      if (!place) throw notFound('place');
      return reply.header('cache-control', CACHE_CONTROL).send({ place, attribution: PLACE_ATTRIBUTION });
    },
  );
};
