/** A first-level region as people write it: "PA" and "Pennsylvania". */
export interface Region {
  code: string;
  name: string;
}

const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
};

// GeoNames numbers Canadian and Australian admin1 regions; people write the
// postal abbreviation, so the index stores that instead.
const CA_PROVINCES: Record<string, Region> = {
  '01': { code: 'AB', name: 'Alberta' },
  '02': { code: 'BC', name: 'British Columbia' },
  '03': { code: 'MB', name: 'Manitoba' },
  '04': { code: 'NB', name: 'New Brunswick' },
  '05': { code: 'NL', name: 'Newfoundland and Labrador' },
  '07': { code: 'NS', name: 'Nova Scotia' },
  '08': { code: 'ON', name: 'Ontario' },
  '09': { code: 'PE', name: 'Prince Edward Island' },
  '10': { code: 'QC', name: 'Quebec' },
  '11': { code: 'SK', name: 'Saskatchewan' },
  '12': { code: 'YT', name: 'Yukon' },
  '13': { code: 'NT', name: 'Northwest Territories' },
  '14': { code: 'NU', name: 'Nunavut' },
};

const AU_STATES: Record<string, Region> = {
  '01': { code: 'ACT', name: 'Australian Capital Territory' },
  '02': { code: 'NSW', name: 'New South Wales' },
  '03': { code: 'NT', name: 'Northern Territory' },
  '04': { code: 'QLD', name: 'Queensland' },
  '05': { code: 'SA', name: 'South Australia' },
  '06': { code: 'TAS', name: 'Tasmania' },
  '07': { code: 'VIC', name: 'Victoria' },
  '08': { code: 'WA', name: 'Western Australia' },
};

/**
 * The region a GeoNames admin1 code stands for, where we know its name (the
 * US, Canada and Australia); elsewhere the codes are opaque numbers and the
 * label shows the country only.
 */
export function regionOf(country: string, adminCode: string): Region | undefined {
  if (country === 'US') {
    const name = US_STATES[adminCode];
    return name === undefined ? undefined : { code: adminCode, name };
  }
  if (country === 'CA') return CA_PROVINCES[adminCode];
  if (country === 'AU') return AU_STATES[adminCode];
  return undefined;
}

/** Every named region with its country, for matching a qualifier such as "Texas" or "NSW". */
export function namedRegions(): { country: string; region: Region }[] {
  return [
    ...Object.entries(US_STATES).map(([code, name]) => ({ country: 'US', region: { code, name } })),
    ...Object.values(CA_PROVINCES).map((region) => ({ country: 'CA', region })),
    ...Object.values(AU_STATES).map((region) => ({ country: 'AU', region })),
  ];
}
