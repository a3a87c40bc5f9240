import type { DbOrTx } from '../../../db/types.js';
import { FormatCatalog, codeList, formatLanguage, type BmltFormat } from './formats.js';
import { presentMeeting } from './meeting-fields.js';
import type { BmltQuery } from './query-schema.js';
import { listCustomTypes, listEntities, liveLocationStats, usedTypeLists } from './repository.js';
import { includeExclude, toSearchRequest } from './search-request.js';
import { searchMeetings } from './search.js';
import { coverageArea, fieldKeys, serverInfo } from './server-info.js';
import { ServiceBodyTree, type BmltServiceBody } from './service-bodies.js';
import { SPEC_FORMAT_CODES } from './spec-codes.js';

type Strings = Record<string, string>;
type Format = BmltFormat & { root_server_uri: string };

/** What a BMLT request answers, before it is written as JSON or JSONP. */
export type BmltBody =
  | Strings[]
  | Format[]
  | BmltServiceBody[]
  | { key: string; description: string }[]
  | { meetings: Strings[]; formats: Format[] }
  | { formats: Format[] };

/** Answers one validated BMLT request. `rootServerUri` is this server's public URL. */
export async function answerBmlt(db: DbOrTx, q: BmltQuery, rootServerUri: string): Promise<BmltBody> {
  switch (q.switcher) {
    case 'GetSearchResults':
      return searchResults(db, q, rootServerUri);
    case 'GetFormats':
      return formats(db, q, rootServerUri);
    case 'GetServiceBodies': {
      const services = includeExclude(q.services, q['services[]']);
      return new ServiceBodyTree(await listEntities(db)).present(services.include, services.exclude, q.recursive, q.parents);
    }
    case 'GetServerInfo':
      return serverInfo(await liveLocationStats(db));
    case 'GetCoverageArea':
      return coverageArea(await liveLocationStats(db));
    case 'GetFieldKeys':
      return fieldKeys();
  }
}

async function searchResults(db: DbOrTx, q: BmltQuery, rootServerUri: string): Promise<BmltBody> {
  const [customTypes, entities] = await Promise.all([listCustomTypes(db), listEntities(db)]);
  const catalog = new FormatCatalog(customTypes);
  const tree = new ServiceBodyTree(entities);
  const req = toSearchRequest(q);
  const ctx = { catalog, rootServerUri, expandServices: (ids: number[], recursive: boolean) => tree.expand(ids, recursive) };
  const days = await searchMeetings(db, req, ctx);
  if (!q.get_used_formats && !q.get_formats_only) return days.map((d) => presentMeeting(d, ctx, req.fields));
  // Formats used by the meetings returned (this page), named in the language asked for.
  const used = catalog.entries(new Set(days.flatMap((d) => d.formatIds)), formatLanguage(q.lang_enum));
  const withUri = used.map((f) => ({ ...f, root_server_uri: rootServerUri }));
  if (q.get_formats_only) return { formats: withUri };
  return { meetings: days.map((d) => presentMeeting(d, ctx, req.fields)), formats: withUri };
}

/**
 * GetFormats: the formats live meetings use (every format with `show_all=1`),
 * narrowed by `format_ids` and `key_strings`.
 */
async function formats(db: DbOrTx, q: BmltQuery, rootServerUri: string): Promise<Format[]> {
  const catalog = new FormatCatalog(await listCustomTypes(db));
  const ids = new Set<number>();
  if (q.show_all) {
    SPEC_FORMAT_CODES.forEach((_code, i) => ids.add(i + 1));
    catalog.allCustomIds().forEach((id) => ids.add(id));
  } else {
    for (const m of await usedTypeLists(db)) {
      catalog.idsOf(m.source_id, codeList(m.types), codeList(m.custom_types)).forEach((id) => ids.add(id));
    }
  }
  const only = includeExclude(q.format_ids, q['format_ids[]']);
  const keys = [...(q.key_strings ?? []), ...(q['key_strings[]'] ?? [])];
  return catalog
    .entries(ids, formatLanguage(q.lang_enum))
    .filter((f) => only.include.length === 0 || only.include.includes(Number(f.id)))
    .filter((f) => !only.exclude.includes(Number(f.id)))
    .filter((f) => keys.length === 0 || keys.includes(f.key_string))
    .map((f) => ({ ...f, root_server_uri: rootServerUri }));
}
