import type { Random } from './prng.js';

/**
 * Real city centres (approximate), so synthetic meetings cluster the way a national directory's do: dense around
 * cities, a few kilometres out. Counties give the [county, city] region paths real feeds send.
 */
export interface City {
  name: string;
  state: string;
  county: string;
  lat: number;
  lng: number;
  zone: string;
}

const ZONE_BY_STATE: Record<string, string> = {
  AK: 'America/Anchorage',
  AL: 'America/Chicago',
  AR: 'America/Chicago',
  AZ: 'America/Phoenix',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DC: 'America/New_York',
  DE: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  IA: 'America/Chicago',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  MA: 'America/New_York',
  MD: 'America/New_York',
  ME: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MO: 'America/Chicago',
  MS: 'America/Chicago',
  MT: 'America/Denver',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  NE: 'America/Chicago',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NV: 'America/Los_Angeles',
  NY: 'America/New_York',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VA: 'America/New_York',
  VT: 'America/New_York',
  WA: 'America/Los_Angeles',
  WI: 'America/Chicago',
  WV: 'America/New_York',
  WY: 'America/Denver',
};

/** Cities whose zone is not their state's usual one. */
const ZONE_OVERRIDES: Record<string, string> = {
  'El Paso|TX': 'America/Denver',
  'Evansville|IN': 'America/Chicago',
  'Knoxville|TN': 'America/New_York',
  'Chattanooga|TN': 'America/New_York',
  'Louisville|KY': 'America/Kentucky/Louisville',
};

// name | state | county | latitude | longitude
const TABLE = `
New York|NY|New York County|40.7128|-74.0060
Los Angeles|CA|Los Angeles County|34.0522|-118.2437
Chicago|IL|Cook County|41.8781|-87.6298
Houston|TX|Harris County|29.7604|-95.3698
Phoenix|AZ|Maricopa County|33.4484|-112.0740
Philadelphia|PA|Philadelphia County|39.9526|-75.1652
San Antonio|TX|Bexar County|29.4241|-98.4936
San Diego|CA|San Diego County|32.7157|-117.1611
Dallas|TX|Dallas County|32.7767|-96.7970
San Jose|CA|Santa Clara County|37.3382|-121.8863
Austin|TX|Travis County|30.2672|-97.7431
Jacksonville|FL|Duval County|30.3322|-81.6557
Fort Worth|TX|Tarrant County|32.7555|-97.3308
Columbus|OH|Franklin County|39.9612|-82.9988
Indianapolis|IN|Marion County|39.7684|-86.1581
Charlotte|NC|Mecklenburg County|35.2271|-80.8431
San Francisco|CA|San Francisco County|37.7749|-122.4194
Seattle|WA|King County|47.6062|-122.3321
Denver|CO|Denver County|39.7392|-104.9903
Washington|DC|District of Columbia|38.9072|-77.0369
Nashville|TN|Davidson County|36.1627|-86.7816
Oklahoma City|OK|Oklahoma County|35.4676|-97.5164
El Paso|TX|El Paso County|31.7619|-106.4850
Boston|MA|Suffolk County|42.3601|-71.0589
Portland|OR|Multnomah County|45.5152|-122.6784
Las Vegas|NV|Clark County|36.1699|-115.1398
Detroit|MI|Wayne County|42.3314|-83.0458
Memphis|TN|Shelby County|35.1495|-90.0490
Louisville|KY|Jefferson County|38.2527|-85.7585
Baltimore|MD|Baltimore City|39.2904|-76.6122
Milwaukee|WI|Milwaukee County|43.0389|-87.9065
Albuquerque|NM|Bernalillo County|35.0844|-106.6504
Tucson|AZ|Pima County|32.2226|-110.9747
Fresno|CA|Fresno County|36.7378|-119.7871
Sacramento|CA|Sacramento County|38.5816|-121.4944
Kansas City|MO|Jackson County|39.0997|-94.5786
Mesa|AZ|Maricopa County|33.4152|-111.8315
Atlanta|GA|Fulton County|33.7490|-84.3880
Omaha|NE|Douglas County|41.2565|-95.9345
Colorado Springs|CO|El Paso County|38.8339|-104.8214
Raleigh|NC|Wake County|35.7796|-78.6382
Long Beach|CA|Los Angeles County|33.7701|-118.1937
Virginia Beach|VA|Virginia Beach City|36.8529|-75.9780
Miami|FL|Miami-Dade County|25.7617|-80.1918
Oakland|CA|Alameda County|37.8044|-122.2712
Minneapolis|MN|Hennepin County|44.9778|-93.2650
Tulsa|OK|Tulsa County|36.1540|-95.9928
Bakersfield|CA|Kern County|35.3733|-119.0187
Wichita|KS|Sedgwick County|37.6872|-97.3301
Arlington|TX|Tarrant County|32.7357|-97.1081
Aurora|CO|Arapahoe County|39.7294|-104.8319
Tampa|FL|Hillsborough County|27.9506|-82.4572
New Orleans|LA|Orleans Parish|29.9511|-90.0715
Cleveland|OH|Cuyahoga County|41.4993|-81.6944
Honolulu|HI|Honolulu County|21.3069|-157.8583
Anaheim|CA|Orange County|33.8366|-117.9143
Lexington|KY|Fayette County|38.0406|-84.5037
Stockton|CA|San Joaquin County|37.9577|-121.2908
Corpus Christi|TX|Nueces County|27.8006|-97.3964
Henderson|NV|Clark County|36.0395|-114.9817
Riverside|CA|Riverside County|33.9533|-117.3962
Newark|NJ|Essex County|40.7357|-74.1724
Saint Paul|MN|Ramsey County|44.9537|-93.0900
Santa Ana|CA|Orange County|33.7455|-117.8677
Cincinnati|OH|Hamilton County|39.1031|-84.5120
Irvine|CA|Orange County|33.6846|-117.8265
Orlando|FL|Orange County|28.5383|-81.3792
Pittsburgh|PA|Allegheny County|40.4406|-79.9959
St. Louis|MO|St. Louis City|38.6270|-90.1994
Greensboro|NC|Guilford County|36.0726|-79.7920
Jersey City|NJ|Hudson County|40.7178|-74.0431
Anchorage|AK|Anchorage Municipality|61.2181|-149.9003
Lincoln|NE|Lancaster County|40.8136|-96.7026
Plano|TX|Collin County|33.0198|-96.6989
Durham|NC|Durham County|35.9940|-78.8986
Buffalo|NY|Erie County|42.8864|-78.8784
Chandler|AZ|Maricopa County|33.3062|-111.8413
Chula Vista|CA|San Diego County|32.6401|-117.0842
Toledo|OH|Lucas County|41.6528|-83.5379
Madison|WI|Dane County|43.0731|-89.4012
Gilbert|AZ|Maricopa County|33.3528|-111.7890
Reno|NV|Washoe County|39.5296|-119.8138
Fort Wayne|IN|Allen County|41.0793|-85.1394
North Las Vegas|NV|Clark County|36.1989|-115.1175
St. Petersburg|FL|Pinellas County|27.7676|-82.6403
Lubbock|TX|Lubbock County|33.5779|-101.8552
Irving|TX|Dallas County|32.8140|-96.9489
Laredo|TX|Webb County|27.5306|-99.4803
Winston-Salem|NC|Forsyth County|36.0999|-80.2442
Chesapeake|VA|Chesapeake City|36.7682|-76.2875
Glendale|AZ|Maricopa County|33.5387|-112.1860
Garland|TX|Dallas County|32.9126|-96.6389
Scottsdale|AZ|Maricopa County|33.4942|-111.9261
Norfolk|VA|Norfolk City|36.8508|-76.2859
Boise|ID|Ada County|43.6150|-116.2023
Fremont|CA|Alameda County|37.5485|-121.9886
Spokane|WA|Spokane County|47.6588|-117.4260
Santa Clarita|CA|Los Angeles County|34.3917|-118.5426
Baton Rouge|LA|East Baton Rouge Parish|30.4515|-91.1871
Richmond|VA|Richmond City|37.5407|-77.4360
Hialeah|FL|Miami-Dade County|25.8576|-80.2781
San Bernardino|CA|San Bernardino County|34.1083|-117.2898
Tacoma|WA|Pierce County|47.2529|-122.4443
Modesto|CA|Stanislaus County|37.6391|-120.9969
Huntsville|AL|Madison County|34.7304|-86.5861
Des Moines|IA|Polk County|41.5868|-93.6250
Yonkers|NY|Westchester County|40.9312|-73.8988
Rochester|NY|Monroe County|43.1566|-77.6088
Moreno Valley|CA|Riverside County|33.9425|-117.2297
Fayetteville|NC|Cumberland County|35.0527|-78.8784
Fontana|CA|San Bernardino County|34.0922|-117.4350
Columbus|GA|Muscogee County|32.4610|-84.9877
Worcester|MA|Worcester County|42.2626|-71.8023
Port St. Lucie|FL|St. Lucie County|27.2730|-80.3582
Little Rock|AR|Pulaski County|34.7465|-92.2896
Augusta|GA|Richmond County|33.4735|-82.0105
Oxnard|CA|Ventura County|34.1975|-119.1771
Birmingham|AL|Jefferson County|33.5186|-86.8104
Montgomery|AL|Montgomery County|32.3792|-86.3077
Frisco|TX|Collin County|33.1507|-96.8236
Amarillo|TX|Potter County|35.2220|-101.8313
Salt Lake City|UT|Salt Lake County|40.7608|-111.8910
Grand Rapids|MI|Kent County|42.9634|-85.6681
Huntington Beach|CA|Orange County|33.6603|-117.9992
Overland Park|KS|Johnson County|38.9822|-94.6708
Glendale|CA|Los Angeles County|34.1425|-118.2551
Tallahassee|FL|Leon County|30.4383|-84.2807
Grand Prairie|TX|Dallas County|32.7460|-96.9978
McKinney|TX|Collin County|33.1972|-96.6398
Cape Coral|FL|Lee County|26.5629|-81.9495
Sioux Falls|SD|Minnehaha County|43.5446|-96.7311
Peoria|AZ|Maricopa County|33.5806|-112.2374
Providence|RI|Providence County|41.8240|-71.4128
Vancouver|WA|Clark County|45.6387|-122.6615
Knoxville|TN|Knox County|35.9606|-83.9207
Akron|OH|Summit County|41.0814|-81.5190
Shreveport|LA|Caddo Parish|32.5252|-93.7502
Mobile|AL|Mobile County|30.6954|-88.0399
Brownsville|TX|Cameron County|25.9017|-97.4975
Newport News|VA|Newport News City|37.0871|-76.4730
Fort Lauderdale|FL|Broward County|26.1224|-80.1373
Chattanooga|TN|Hamilton County|35.0456|-85.3097
Tempe|AZ|Maricopa County|33.4255|-111.9400
Aurora|IL|Kane County|41.7606|-88.3201
Santa Rosa|CA|Sonoma County|38.4404|-122.7141
Eugene|OR|Lane County|44.0521|-123.0868
Elk Grove|CA|Sacramento County|38.4088|-121.3716
Salem|OR|Marion County|44.9429|-123.0351
Ontario|CA|San Bernardino County|34.0633|-117.6509
Cary|NC|Wake County|35.7915|-78.7811
Rancho Cucamonga|CA|San Bernardino County|34.1064|-117.5931
Oceanside|CA|San Diego County|33.1959|-117.3795
Lancaster|CA|Los Angeles County|34.6868|-118.1542
Garden Grove|CA|Orange County|33.7743|-117.9380
Pembroke Pines|FL|Broward County|26.0078|-80.2963
Fort Collins|CO|Larimer County|40.5853|-105.0844
Palmdale|CA|Los Angeles County|34.5794|-118.1165
Springfield|MO|Greene County|37.2090|-93.2923
Clarksville|TN|Montgomery County|36.5298|-87.3595
Rockford|IL|Winnebago County|42.2711|-89.0940
Alexandria|VA|Alexandria City|38.8048|-77.0469
Paterson|NJ|Passaic County|40.9168|-74.1718
Hartford|CT|Hartford County|41.7658|-72.6734
New Haven|CT|New Haven County|41.3083|-72.9279
Syracuse|NY|Onondaga County|43.0481|-76.1474
Albany|NY|Albany County|42.6526|-73.7562
Allentown|PA|Lehigh County|40.6084|-75.4902
Savannah|GA|Chatham County|32.0809|-81.0912
Charleston|SC|Charleston County|32.7765|-79.9311
Columbia|SC|Richland County|34.0007|-81.0348
Greenville|SC|Greenville County|34.8526|-82.3940
Wilmington|DE|New Castle County|39.7391|-75.5398
Wilmington|NC|New Hanover County|34.2257|-77.9447
Dayton|OH|Montgomery County|39.7589|-84.1916
Evansville|IN|Vanderburgh County|37.9716|-87.5711
South Bend|IN|St. Joseph County|41.6764|-86.2520
Lansing|MI|Ingham County|42.7325|-84.5555
Ann Arbor|MI|Washtenaw County|42.2808|-83.7430
Flint|MI|Genesee County|43.0125|-83.6875
Green Bay|WI|Brown County|44.5133|-88.0133
Duluth|MN|St. Louis County|46.7867|-92.1005
Fargo|ND|Cass County|46.8772|-96.7898
Billings|MT|Yellowstone County|45.7833|-108.5007
Cheyenne|WY|Laramie County|41.1400|-104.8202
Santa Fe|NM|Santa Fe County|35.6870|-105.9378
Provo|UT|Utah County|40.2338|-111.6585
Bellevue|WA|King County|47.6101|-122.2015
Berkeley|CA|Alameda County|37.8715|-122.2730
Pasadena|CA|Los Angeles County|34.1478|-118.1445
Burlington|VT|Chittenden County|44.4759|-73.2121
Portland|ME|Cumberland County|43.6591|-70.2568
Manchester|NH|Hillsborough County|42.9956|-71.4548
Springfield|MA|Hampden County|42.1015|-72.5898
Cambridge|MA|Middlesex County|42.3736|-71.1097
Trenton|NJ|Mercer County|40.2206|-74.7597
Camden|NJ|Camden County|39.9259|-75.1196
Harrisburg|PA|Dauphin County|40.2732|-76.8867
Scranton|PA|Lackawanna County|41.4090|-75.6624
Erie|PA|Erie County|42.1292|-80.0851
Lafayette|LA|Lafayette Parish|30.2241|-92.0198
Jackson|MS|Hinds County|32.2988|-90.1848
Charleston|WV|Kanawha County|38.3498|-81.6326
Asheville|NC|Buncombe County|35.5951|-82.5515
Gainesville|FL|Alachua County|29.6516|-82.3248
Sarasota|FL|Sarasota County|27.3364|-82.5307
West Palm Beach|FL|Palm Beach County|26.7153|-80.0534
`;

export const CITIES: readonly City[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [name, state, county, lat, lng] = line.split('|') as [string, string, string, string, string];
    const zone = ZONE_OVERRIDES[`${name}|${state}`] ?? ZONE_BY_STATE[state];
    if (!zone) throw new Error(`no time zone for ${name}, ${state}`);
    return { name, state, county, lat: Number(lat), lng: Number(lng), zone };
  });

/** Cumulative weights (1/√rank): bigger (earlier-listed) cities get more meetings, as in real directories. */
const CITY_WEIGHTS = (() => {
  const out: number[] = [];
  let total = 0;
  for (let i = 0; i < CITIES.length; i++) out.push((total += 1 / Math.sqrt(i + 1)));
  return out.map((w) => w / total);
})();

/** A city drawn by that weighting: where the feed generator puts meetings, and where searches come from. */
export function pickCity(rng: Random): City {
  const r = rng();
  let lo = 0;
  let hi = CITY_WEIGHTS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CITY_WEIGHTS[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return CITIES[lo]!;
}
