import { z } from 'zod';
import { MEETING_FIELDS } from './meeting-fields.js';

/*
 * The shapes of BMLT answers, for the OpenAPI document and for type checks
 * of the handler. Every value is a string, as on a BMLT server.
 */

const meeting = z
  .object(Object.fromEntries(MEETING_FIELDS.map(([name, description]) => [name, z.string().optional().describe(description)])))
  .describe('A meeting on one weekday (only the data_field_key fields when given)');

const format = z
  .object({
    key_string: z.string().describe('Short code shown on meeting lists'),
    name_string: z.string(),
    description_string: z.string(),
    lang: z.string(),
    id: z.string().describe('Stable format id: spec types 1–999, custom types 1000 + their id'),
    world_id: z.string().describe('NAWS code, where one exists'),
    format_type_enum: z.string(),
    root_server_uri: z.string(),
  })
  .describe('A format');

const serviceBody = z
  .object({
    id: z.string(),
    parent_id: z.string().describe('"0" for a top-level body'),
    name: z.string(),
    description: z.string(),
    type: z.string(),
    url: z.string(),
    helpline: z.string(),
    world_id: z.string(),
  })
  .describe('A service body');

const fieldKey = z.object({ key: z.string(), description: z.string() }).describe('A GetSearchResults field');

const strings = z.record(z.string(), z.string()).describe('GetServerInfo or GetCoverageArea: one entry of strings');

/** Everything the JSON endpoint answers, by switcher. */
export const bmltResponseSchema = z
  .union([
    z.array(meeting),
    z.object({ meetings: z.array(meeting), formats: z.array(format) }).describe('GetSearchResults with get_used_formats'),
    z.object({ formats: z.array(format) }).describe('GetSearchResults with get_formats_only'),
    z.array(format),
    z.array(serviceBody),
    z.array(fieldKey),
    z.array(strings),
  ])
  .describe('GetSearchResults, GetFormats, GetServiceBodies, GetFieldKeys, GetServerInfo or GetCoverageArea');

export const jsonpResponseSchema = z.string().describe('JavaScript: /**/callback(<the JSON answer>);');
