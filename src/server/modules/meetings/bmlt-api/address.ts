/** BMLT's split address fields. */
export interface SplitAddress {
  street: string;
  municipality: string;
  province: string;
  postalCode: string;
  nation: string;
}

/**
 * Split fields for BMLT clients, which show and filter by street, town and
 * state. Meeting Guide feeds often send only `formatted_address`; then a
 * Google-style "street, town, ST 12345, country" is split, and anything else
 * stays whole in the street field so nothing is lost.
 */
export function splitAddress(row: {
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  formatted_address: string | null;
}): SplitAddress {
  if (row.address !== null || row.city !== null || row.formatted_address === null) {
    return {
      street: row.address ?? '',
      municipality: row.city ?? '',
      province: row.state ?? '',
      postalCode: row.postal_code ?? '',
      nation: row.country ?? '',
    };
  }
  const parts = row.formatted_address
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 4) return { street: row.formatted_address, municipality: '', province: '', postalCode: '', nation: '' };
  // "PA 19094", "AB T6E 4E8": a region in letters, then a postal code with a digit in it.
  const stateZip = /^(\p{L}[\p{L} .'-]*?)\s+(\S*\d[\w -]*)$/u.exec(parts[parts.length - 2]!);
  return {
    street: parts.slice(0, -3).join(', '),
    municipality: parts[parts.length - 3]!,
    province: row.state ?? (stateZip ? stateZip[1]! : parts[parts.length - 2]!),
    postalCode: row.postal_code ?? (stateZip ? stateZip[2]! : ''),
    nation: row.country ?? parts[parts.length - 1]!,
  };
}
